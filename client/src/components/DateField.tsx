import type { InputHTMLAttributes } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useDigits } from '../lib/digits.js';
import { dayInWords } from '../lib/time.js';
import { TextField } from './ui.js';

/** A date field that also says its date in words under it, as its description (dayInWords). */
export function DateField({ label, value, ...rest }: { label: string; value: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'>) {
  const { locale } = useI18n();
  const digits = useDigits();
  return <TextField label={label} type="date" value={value} hint={dayInWords(value, locale, digits) || undefined} {...rest} />;
}
