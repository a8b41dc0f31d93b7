import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './http.js';

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name (Arabic) to the ASCII one', () => {
    const name = 'مجموعة-الدفاع-16-2027-03-10.pdf';
    expect(fileNameFromDisposition(`attachment; filename="Defence-16-2027-03-10.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)).toBe(name);
  });

  it('falls back to the plain name', () => {
    expect(fileNameFromDisposition('attachment; filename="action-items-2027-03-10.csv"')).toBe('action-items-2027-03-10.csv');
    expect(fileNameFromDisposition('attachment; filename=minutes.pdf')).toBe('minutes.pdf');
    expect(fileNameFromDisposition(`attachment; filename="a.pdf"; filename*=UTF-8''%E0%A4%A`)).toBe('a.pdf');
  });

  it('is null without a name', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
  });
});
