/**
 * The sections of new minutes, titled in each language. The server writes them (one heading per
 * language of the meeting); the editor recognises them by their titles to show what belongs
 * under an empty one; the PDF leaves out those left empty.
 */
export const TEMPLATE_SECTIONS = {
  attendance: { ar: 'الحضور', en: 'Attendance' },
  agenda: { ar: 'جدول الأعمال', en: 'Agenda' },
  followUp: { ar: 'متابعة بنود العمل السابقة', en: 'Follow-up of earlier action items' },
  discussion: { ar: 'المناقشات', en: 'Discussion' },
  decisions: { ar: 'القرارات', en: 'Decisions' },
  actionItems: { ar: 'بنود العمل', en: 'Action items' },
} as const;

export type TemplateSection = keyof typeof TEMPLATE_SECTIONS;

const BY_TITLE = new Map<string, TemplateSection>(
  Object.entries(TEMPLATE_SECTIONS).flatMap(([key, titles]) => [
    [titles.ar, key as TemplateSection],
    [titles.en.toLowerCase(), key as TemplateSection],
  ]),
);

/** The template section a heading with this text opens, if it is one (in either language). */
export function sectionOfHeading(text: string): TemplateSection | null {
  return BY_TITLE.get(text.trim().toLowerCase()) ?? null;
}
