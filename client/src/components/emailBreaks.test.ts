import { describe, expect, it } from 'vitest';
import { emailBreaks } from './emailBreaks.js';

describe('emailBreaks', () => {
  it('cuts after the @ and before each dot of the name, keeps the domain whole, and the parts join back to the address', () => {
    const email = 'abdulrahman.al-mutairi@mofa.gov.kw';
    expect(emailBreaks(email)).toEqual(['abdulrahman', '.al-mutairi@', 'mofa.gov.kw']);
    expect(emailBreaks(email).join('')).toBe(email);
    expect(emailBreaks('secretariat@fcdo.gov.uk')).toEqual(['secretariat@', 'fcdo.gov.uk']);
  });

  it('leaves anything odd unchanged when joined', () => {
    for (const odd of ['', '@', '.a..b@', 'no-at-sign', 'a@b@c.', 'x@']) expect(emailBreaks(odd).join('')).toBe(odd);
    expect(emailBreaks('no-at-sign')).toEqual(['no-at-sign']);
  });
});
