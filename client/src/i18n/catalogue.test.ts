import { describe, expect, it } from 'vitest';
import { ar } from './ar.js';
import { en } from './en.js';
import { format } from './i18n.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ar).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(ar) as (keyof typeof ar)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ar[key]));
    }
  });

  it('have no empty messages', () => {
    for (const [key, text] of [...Object.entries(ar), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('الجلسة {n}', { n: 16 })).toBe('الجلسة 16');
    expect(format('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});
