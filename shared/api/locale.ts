import type { Locale } from './auth.js';

/**
 * The interface language for a browser's preferred languages, most preferred first: English
 * when that is English (`en`, `en-GB`, …), Arabic otherwise (Arabic first, as the app is).
 */
export function localeForLanguages(languages: readonly string[]): Locale {
  const first = languages[0]?.trim().toLowerCase() ?? '';
  return first === 'en' || first.startsWith('en-') ? 'en' : 'ar';
}

/** The language tags of an `Accept-Language` header, most preferred first (by `q`, then order). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag !== '' && l.tag !== '*' && Number.isFinite(l.q) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}
