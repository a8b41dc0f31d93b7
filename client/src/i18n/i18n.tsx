import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../../../shared/api/auth.js';
import { localeForLanguages } from '../../../shared/api/locale.js';
import { ar, type Catalogue, type MessageKey } from './ar.js';
import { en } from './en.js';

const catalogues: Record<Locale, Catalogue> = { ar, en };
const STORAGE_KEY = 'mahdar.locale';

export type Params = Record<string, string | number>;

/** `{name}` placeholders filled from `params`. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** The browser's own preference: English for `en-*` first, Arabic otherwise. */
export function browserLocale(): Locale {
  return localeForLanguages(navigator.languages?.length ? navigator.languages : [navigator.language ?? '']);
}

/**
 * The language chosen before signing in (or last used on this browser); the browser's languages
 * until then. Signed in, the user's choice (or, until they make one, the same browser default
 * decided by the server from `Accept-Language`) replaces it.
 */
export function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'ar' ? value : browserLocale();
  } catch {
    return browserLocale();
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export interface I18n {
  locale: Locale;
  dir: 'rtl' | 'ltr';
  t: (key: MessageKey, params?: Params) => string;
  /** Switches the interface language (this browser); the caller saves it for a signed-in user. */
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  // Mirror the whole page: <html dir lang> drive the CSS logical properties and the fonts.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dir = directionOf(locale);
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const catalogue = catalogues[locale];
    return { locale, dir: directionOf(locale), t: (key, params) => format(catalogue[key], params), setLocale };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
