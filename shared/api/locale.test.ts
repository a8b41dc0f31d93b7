import { describe, expect, it } from 'vitest';
import { acceptedLanguages, localeForLanguages } from './locale.js';

describe('the interface language of a browser', () => {
  it('is English when English comes first, Arabic otherwise', () => {
    expect(localeForLanguages(acceptedLanguages('en-GB,en;q=0.9'))).toBe('en');
    expect(localeForLanguages(acceptedLanguages('EN'))).toBe('en');
    expect(localeForLanguages(acceptedLanguages('ar-KW,ar;q=0.9,en;q=0.8'))).toBe('ar');
    expect(localeForLanguages(acceptedLanguages('fr-FR,fr;q=0.9'))).toBe('ar');
    expect(localeForLanguages(acceptedLanguages('eng'))).toBe('ar');
    expect(localeForLanguages(acceptedLanguages(undefined))).toBe('ar');
  });

  it('orders Accept-Language by weight, ignoring refused and wildcard entries', () => {
    expect(acceptedLanguages('ar;q=0.5, en-US;q=0.8, *;q=0.1, de;q=0')).toEqual(['en-US', 'ar']);
    expect(acceptedLanguages('ar, en')).toEqual(['ar', 'en']);
  });
});
