import { describe, expect, it } from 'vitest';
import { isCodeLoadFailure } from './codeLoadFailure.js';

describe('isCodeLoadFailure', () => {
  it.each([
    // What each browser throws when `import()` of a chunk fails (a 404 after an upgrade, a lost network).
    ['Failed to fetch dynamically imported module: https://mahdar.example/assets/MinutesEditor-C1VpUVcz.js', true],
    ['error loading dynamically imported module: https://mahdar.example/assets/MinutesEditor-C1VpUVcz.js', true],
    ['Importing a module script failed.', true],
    ['Unable to preload CSS for /assets/MinutesEditor-C1VpUVcz.css', true],
    // Faults of the code or of the data are something else: reloading does not cure them.
    ["Cannot read properties of undefined (reading 'attrs')", false],
    ['Minified React error #185', false],
  ])('%s → %s', (message, expected) => {
    expect(isCodeLoadFailure(new TypeError(message))).toBe(expected);
  });

  it('reads a thrown string as well as an Error', () => {
    expect(isCodeLoadFailure('Importing a module script failed.')).toBe(true);
    expect(isCodeLoadFailure(undefined)).toBe(false);
  });
});
