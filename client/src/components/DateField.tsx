import type { InputHTMLAttributes } from 'react';
import { isIsoDate } from '../../../shared/editor/actionItemAttrs.js';
import { useI18n } from '../i18n/i18n.js';
import { useDigits } from '../lib/digits.js';
import { formatDay } from '../lib/time.js';
import { TextField } from './ui.js';

/**
 * A date field that also says its date in words under it ("3 يناير 2027"): the field shows the
 * browser's numeric format, and 01/03/2027 is 3 January in one browser and 1 March to a British
 * reader.
 */
export function DateField({ label, value, ...rest }: { label: string; value: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'>) {
  const { locale } = useI18n();
  const digits = useDigits();
  return <TextField label={label} type="date" value={value} hint={isIsoDate(value) ? formatDay(value, locale, digits) : undefined} {...rest} />;
}
