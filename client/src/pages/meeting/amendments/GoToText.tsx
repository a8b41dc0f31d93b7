import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/i18n.js';

/**
 * The link from a margin entry to its place in the text: a button (Enter and Space work),
 * or plain text, with "no longer in the text" when its words are gone (`gone`; not said of an
 * accepted amendment, whose new words are the text).
 */
export function GoToText({ label, onGo, gone = true, children }: { label: string; onGo: (() => void) | null; gone?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  if (!onGo) {
    return (
      <div className="entry-quote is-detached" data-testid="entry-quote">
        {children}
        {gone && <span className="muted" data-testid="entry-gone"> ({t('annotations.outside')})</span>}
      </div>
    );
  }
  return (
    <button type="button" className="entry-quote" onClick={onGo} title={t('annotations.goTo', { text: label })} data-testid="go-to-text">
      {/* The visible words stay the button's name (WCAG 2.5.3); what it does is said before them. */}
      <span className="visually-hidden">{t('annotations.goTo', { text: '' })}</span>
      {children}
    </button>
  );
}
