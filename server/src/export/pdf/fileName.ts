import type { PdfMinutesInput } from './toTypstData.js';
import { localIsoDate } from './meetingDates.js';

const MAX_NAME_CHARS = 80;

/**
 * Letters (any script, with their marks) and digits kept; every other run becomes one hyphen.
 * A long name ends at the last whole word that fits («السيبراني», not «السي»).
 */
function safePart(text: string): string {
  const kept = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const chars = [...kept];
  if (chars.length <= MAX_NAME_CHARS) return kept;
  const fits = chars.slice(0, MAX_NAME_CHARS + 1).join('');
  const lastBreak = fits.lastIndexOf('-');
  return lastBreak > 0 ? fits.slice(0, lastBreak) : chars.slice(0, MAX_NAME_CHARS).join('');
}

/**
 * `<group>-<session>-<date>[-v<version>].<extension>`, e.g. `Defence-WG-16-2026-11-25-v3.pdf`: the
 * group's name in the meeting's language (Arabic for 'both'), the date in the meeting's time
 * zone, and the version the document is (a version's export, or approved minutes' current text):
 * the circulated and the approved record downloaded side by side are told apart by name. Safe as
 * a file name on any system; Arabic letters stay, so a Content-Disposition header needs `filename*`.
 */
export function exportFileName(input: Pick<PdfMinutesInput, 'meeting' | 'group'>, extension: string, version?: number): string {
  const { meeting, group } = input;
  const name = meeting.language === 'en' ? group.nameEn || group.nameAr : group.nameAr || group.nameEn;
  const parts = [
    safePart(name) || 'minutes',
    meeting.sessionNumber === null ? '' : String(meeting.sessionNumber),
    localIsoDate(new Date(meeting.startsAt), meeting.timeZone),
    version === undefined ? '' : `v${version}`,
  ];
  return `${parts.filter(Boolean).join('-')}.${extension}`;
}

export function pdfFileName(input: Pick<PdfMinutesInput, 'meeting' | 'group'>, version?: number): string {
  return exportFileName(input, 'pdf', version);
}
