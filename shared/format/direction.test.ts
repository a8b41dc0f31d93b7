import { describe, expect, it } from 'vitest';
import { firstStrongDirection } from './direction.js';

describe('firstStrongDirection', () => {
  it.each([
    ['التمرين العسكري المشترك', 'rtl'],
    ['Contingency planning', 'ltr'],
    ['2027 — مقاتل الصحراء', 'rtl'],
    ['1. Exercise مقاتل', 'ltr'],
    ['«שלום»', 'rtl'],
    ['', undefined],
    ['  12/03 — ', undefined],
    ['123 مرحبا', 'rtl'],
    ['«UK» الوفد', 'ltr'],
    // An isolate's inside does not count; the marks do.
    ['\u2067مرحبا\u2069 hello', 'ltr'],
    ['\u200F123', 'rtl'],
    ['\u061C12', 'rtl'],
    ['\u200E١٢', 'ltr'],
    ['پ', 'rtl'],
    ['12.5% — 😀', undefined],
  ])('%j → %s', (text, expected) => {
    expect(firstStrongDirection(text)).toBe(expected);
  });
});
