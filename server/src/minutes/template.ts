import type { JSONContent } from '@tiptap/core';
import type { MeetingLanguage } from '../../../shared/api/meetings.js';

export interface CarriedOverItem {
  id: string;
  text: string;
  owner: string;
  due: string;
  status: string;
  meetingTitle: string;
}

const SECTIONS = {
  attendance: { ar: 'الحضور', en: 'Attendance' },
  agenda: { ar: 'جدول الأعمال', en: 'Agenda' },
  followUp: { ar: 'متابعة بنود العمل السابقة', en: 'Follow-up of earlier action items' },
  discussion: { ar: 'المناقشات', en: 'Discussion' },
  decisions: { ar: 'القرارات', en: 'Decisions' },
  actionItems: { ar: 'بنود العمل', en: 'Action items' },
} as const;

const NONE_OPEN = { ar: 'لا توجد بنود مفتوحة من الجلسات السابقة.', en: 'No open items from earlier sessions.' };
const STATUS_LABEL: Record<string, { ar: string; en: string }> = {
  open: { ar: 'مفتوح', en: 'open' },
  in_progress: { ar: 'قيد التنفيذ', en: 'in progress' },
};

function label(l: { ar: string; en: string }, language: MeetingLanguage): string {
  if (language === 'both') return `${l.ar} — ${l.en}`;
  return l[language];
}

const heading = (text: string): JSONContent => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] });
const paragraph = (text?: string): JSONContent => ({ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) });

function followUpLine(item: CarriedOverItem, language: MeetingLanguage): JSONContent {
  const lang = language === 'en' ? 'en' : 'ar';
  const status = STATUS_LABEL[item.status]?.[lang] ?? item.status;
  const parts = [item.text || '—', item.owner, item.due, status].filter(Boolean);
  const from = lang === 'ar' ? `(${item.meetingTitle})` : `(${item.meetingTitle})`;
  return {
    type: 'listItem',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: `${parts.join(' — ')} ${from}` }] }],
  };
}

/**
 * The minutes of a new meeting: the standard sections in the meeting's language, and the
 * group's still-open action items of earlier sessions under "follow-up" (a snapshot at creation;
 * the tracker follows their live status).
 */
export function minutesTemplate(language: MeetingLanguage, carriedOver: CarriedOverItem[]): JSONContent {
  const content: JSONContent[] = [
    heading(label(SECTIONS.attendance, language)),
    paragraph(),
    heading(label(SECTIONS.agenda, language)),
    { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph()] }] },
    heading(label(SECTIONS.followUp, language)),
    carriedOver.length > 0
      ? { type: 'bulletList', content: carriedOver.map((item) => followUpLine(item, language)) }
      : paragraph(label(NONE_OPEN, language)),
    heading(label(SECTIONS.discussion, language)),
    paragraph(),
    heading(label(SECTIONS.decisions, language)),
    paragraph(),
    heading(label(SECTIONS.actionItems, language)),
    paragraph(),
  ];
  return { type: 'doc', content };
}
