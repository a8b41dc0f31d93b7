import type { JSONContent } from '@tiptap/core';
import type { DigitPolicy, MeetingLanguage } from '../../../shared/domain.js';
import { TEMPLATE_SECTIONS, type TemplateSection } from '../../../shared/editor/templateSections.js';
import { formatDay, type TextLanguage } from '../../../shared/format/formatting.js';

export interface CarriedOverItem {
  id: string;
  text: string;
  owner: string;
  due: string;
  status: string;
  meetingTitleAr: string;
  meetingTitleEn: string;
}

export interface TemplateInput {
  language: MeetingLanguage;
  /** The group's digit policy, for the dates written into the text. */
  digits: DigitPolicy;
  carriedOver: CarriedOverItem[];
}

/** The languages text is written in, Arabic first: one paragraph each, never both in one. */
export function languagesOf(language: MeetingLanguage): TextLanguage[] {
  return language === 'both' ? ['ar', 'en'] : [language];
}

const DIR = { ar: 'rtl', en: 'ltr' } as const;

const WORDS = {
  ar: { noneOpen: 'لا توجد بنود مفتوحة من الجلسات السابقة.', owner: 'المسؤول', due: 'تاريخ الاستحقاق', from: 'من', open: 'مفتوح', in_progress: 'قيد التنفيذ' },
  en: { noneOpen: 'No open items from earlier sessions.', owner: 'owner', due: 'due', from: 'from', open: 'open', in_progress: 'in progress' },
} as const;

const heading = (text: string, lang: TextLanguage): JSONContent => ({
  type: 'heading',
  attrs: { level: 2, dir: DIR[lang] },
  content: [{ type: 'text', text }],
});
const paragraph = (text: string, lang: TextLanguage): JSONContent => ({ type: 'paragraph', attrs: { dir: DIR[lang] }, content: [{ type: 'text', text }] });
/** A line left for the secretariat: its direction follows what they type. */
const emptyParagraph = (): JSONContent => ({ type: 'paragraph' });

/** "Task — owner: X — due 31 December 2026 — open — from: Session 15", in one language. */
function followUpLine(item: CarriedOverItem, lang: TextLanguage, digits: DigitPolicy): string {
  const w = WORDS[lang];
  const status = item.status === 'open' || item.status === 'in_progress' ? w[item.status] : item.status;
  const title = (lang === 'en' ? item.meetingTitleEn || item.meetingTitleAr : item.meetingTitleAr || item.meetingTitleEn).trim();
  return [
    item.text || '—',
    item.owner && `${w.owner}: ${item.owner}`,
    item.due && `${w.due}: ${formatDay(item.due, lang, digits)}`,
    status,
    title && `${w.from}: ${title}`,
  ]
    .filter(Boolean)
    .join(' — ');
}

/**
 * The minutes of a new meeting: the standard sections, titled in each language of the meeting
 * (Arabic then English, each heading in its own direction), the attendance drawn from the
 * meeting's details, and the group's still-open action items of earlier sessions under
 * "follow-up" (a snapshot at creation; the tracker follows their live status), one list per
 * language with dates as that language writes them.
 */
export function minutesTemplate({ language, digits, carriedOver }: TemplateInput): JSONContent {
  const languages = languagesOf(language);
  const titles = (section: TemplateSection) => languages.map((lang) => heading(TEMPLATE_SECTIONS[section][lang], lang));
  const followUp =
    carriedOver.length > 0
      ? languages.map((lang) => ({
          type: 'bulletList',
          attrs: { dir: DIR[lang] },
          content: carriedOver.map((item) => ({ type: 'listItem', content: [paragraph(followUpLine(item, lang, digits), lang)] })),
        }))
      : languages.map((lang) => paragraph(WORDS[lang].noneOpen, lang));
  const content: JSONContent[] = [
    ...titles('attendance'),
    { type: 'attendance' },
    ...titles('agenda'),
    { type: 'orderedList', content: [{ type: 'listItem', content: [emptyParagraph()] }] },
    ...titles('followUp'),
    ...followUp,
    ...titles('discussion'),
    emptyParagraph(),
    ...titles('decisions'),
    emptyParagraph(),
    ...titles('actionItems'),
    emptyParagraph(),
  ];
  return { type: 'doc', content };
}
