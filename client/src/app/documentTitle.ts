import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';

/**
 * The browser tab's title for a page: "محضر — <subject>" in the interface language, so that
 * tabs and history entries can be told apart; the app's own title while the subject loads.
 */
export function useDocumentTitle(subject: string | null | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = subject ? `${t('app.name')} — ${subject}` : t('app.title');
  }, [subject, t]);
}

/** The name in the interface language of something named in both (a group, a meeting). */
export function nameIn(locale: 'ar' | 'en', named: { ar: string; en: string }): string {
  return (locale === 'ar' ? named.ar : named.en) || named.ar || named.en;
}
