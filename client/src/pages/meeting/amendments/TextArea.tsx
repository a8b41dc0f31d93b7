import { useId, type TextareaHTMLAttributes } from 'react';
import { useI18n } from '../../../i18n/i18n.js';
import { useDigits } from '../../../lib/digits.js';
import { formatNumber } from '../../../lib/format.js';
import { charactersLeft } from './annotationsState.js';
import { COMMENT_MAX } from './types.js';

/** A labelled plain-text area; with `counted`, the characters left of the allowance are shown and read out. */
export function TextArea({
  label,
  hint,
  counted,
  value,
  ...rest
}: { label: string; hint?: string; counted?: boolean; value: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const id = useId();
  const left = charactersLeft(value, COMMENT_MAX);
  const described = [hint && `${id}-hint`, counted && `${id}-count`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} dir="auto" rows={3} value={value} maxLength={counted ? COMMENT_MAX : undefined} aria-describedby={described} {...rest} />
      {hint && (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      )}
      {counted && (
        <small id={`${id}-count`} className={left < 200 ? 'field-hint char-count is-low' : 'field-hint char-count'} aria-live="polite" data-testid="char-count" data-left={left}>
          {t('comment.counter', { n: formatNumber(left, locale, digits), max: formatNumber(COMMENT_MAX, locale, digits) })}
        </small>
      )}
    </div>
  );
}
