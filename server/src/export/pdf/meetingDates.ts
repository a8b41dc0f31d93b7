import { DEFAULT_DIGIT_POLICY, type DigitPolicy } from '../../../../shared/domain.js';
import { formatDateTimeParts, safeTimeZone, type TextLanguage } from '../../../../shared/format/formatting.js';
import { dateTimeFormat } from '../../../../shared/format/intlCache.js';

/** Dates of the title block, footer and file name, in the meeting's time zone. */

function parts(date: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'timeZoneName', string> {
  const fields = dateTimeFormat('en-US', {
    timeZone: safeTimeZone(timeZone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => fields.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    timeZoneName: get('timeZoneName'),
  };
}

/** `YYYY-MM-DD` of the instant in the time zone. */
export function localIsoDate(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `YYYY-MM-DD HH:mm GMT+3`: language-neutral, for the footer. */
export function localTimestamp(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** The meeting's date and time as a reader of the language writes them, with the group's digits. */
export function meetingDateTime(date: Date, timeZone: string, lang: TextLanguage, digits: DigitPolicy = DEFAULT_DIGIT_POLICY): { date: string; time: string } {
  return formatDateTimeParts(date, timeZone, lang, digits);
}
