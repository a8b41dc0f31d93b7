import type { JSONContent } from '@tiptap/core';
import { afterAll, describe, expect, it } from 'vitest';
import { minutesTemplate } from '../../minutes/template.js';
import { normalize, pdfText } from './fixtures/pdfTools.js';
import { actionItem, doc, heading, minutesInput, paragraph } from './fixtures/sampleMinutes.js';
import { closePdfWorkers, renderMinutesPdf } from './index.js';

afterAll(closePdfWorkers);

const DISCUSSION_AR = 'ناقش الوفدان خطة التمرين المشترك.';
const DISCUSSION_EN = 'The delegations discussed the joint exercise plan.';

/** New bilingual minutes as the server writes them, with only the discussion written. */
function bilingualMinutes(): JSONContent {
  const template = minutesTemplate({ language: 'both', digits: 'western', carriedOver: [] });
  const content = [...(template.content ?? [])];
  const discussion = content.findIndex((n) => n.content?.[0]?.text === 'Discussion');
  content.splice(discussion + 1, 1, paragraph(DISCUSSION_AR), paragraph(DISCUSSION_EN));
  return { ...template, content };
}

const count = (haystack: string, needle: string) => haystack.split(normalize(needle)).length - 1;

describe('PDF of minutes made from the template', () => {
  it('leaves out the sections nobody wrote in, and prints the written ones', async () => {
    const got = normalize(await pdfText(await renderMinutesPdf(minutesInput(bilingualMinutes(), { language: 'both' }))));
    expect(got).toContain(normalize(DISCUSSION_AR));
    expect(got).toContain(normalize(DISCUSSION_EN));
    expect(got).toContain('المناقشات');
    expect(got).toContain('Discussion');
    // The follow-up says there is nothing open: content, so printed.
    expect(got).toContain(normalize('No open items from earlier sessions.'));
    for (const empty of ['جدول الأعمال', 'Agenda', 'القرارات', 'Decisions', 'Action items']) {
      expect(got, empty).not.toContain(normalize(empty));
    }
    // "بنود العمل" only as part of the follow-up's title.
    expect(count(got, 'بنود العمل')).toBe(count(got, 'متابعة بنود العمل السابقة'));
  });

  it('prints the attendance once, where the minutes place it', async () => {
    const got = normalize(await pdfText(await renderMinutesPdf(minutesInput(bilingualMinutes(), { language: 'both' }))));
    expect(count(got, 'وليد الخبيزي')).toBe(1);
    expect(count(got, 'Michael Davenport')).toBe(1);
    // The section's own headings title the table (once: not its label as well), after the
    // title block's facts.
    expect(count(got, 'الحضور')).toBe(1);
    expect(got.indexOf('Attendance')).toBeLessThan(got.indexOf(normalize('وليد الخبيزي')));
    expect(got.indexOf(normalize('وزارة الخارجية، الكويت'))).toBeLessThan(got.indexOf('Attendance'));
  });

  it('prints minutes without the block (made before it existed) with the attendance above them, once', async () => {
    const got = normalize(await pdfText(await renderMinutesPdf(minutesInput(doc(heading(2, 'المناقشات'), paragraph(DISCUSSION_AR))))));
    expect(count(got, 'وليد الخبيزي')).toBe(1);
    expect(got.indexOf(normalize('وليد الخبيزي'))).toBeLessThan(got.indexOf(normalize(DISCUSSION_AR)));
  });

  it('leaves out the attendance section when the meeting has no delegations', async () => {
    const got = normalize(await pdfText(await renderMinutesPdf(minutesInput(bilingualMinutes(), { language: 'both', delegations: [] }))));
    expect(got).not.toContain('الحضور');
    expect(got).not.toContain('Attendance');
  });
});

describe('the group’s digit policy in the PDF', () => {
  const minutes = doc(paragraph('نص المحضر.'), actionItem('إعداد الخطة', 'الكويت', '2027-01-12', 'open'));

  it('writes the session, dates, due dates and page numbers with Arabic-Indic digits when the group chose them', async () => {
    const input = minutesInput(minutes);
    const got = normalize(await pdfText(await renderMinutesPdf({ ...input, group: { ...input.group, digits: 'arabic-indic' } })));
    expect(got).toContain(normalize('الجلسة ١٦'));
    expect(got).toMatch(/الأربعاء(،٢٥|٢٥،)نوفمبر٢٠٢٦/u);
    expect(got).toContain(normalize('١٢ يناير ٢٠٢٧'));
    expect(got).toContain(normalize('صفحة ١ من ١'));
    expect(got).not.toContain(normalize('الجلسة 16'));
  });

  it('writes Western digits by default, and in English whatever the policy', async () => {
    const arabic = normalize(await pdfText(await renderMinutesPdf(minutesInput(minutes))));
    expect(arabic).toContain(normalize('الجلسة 16'));
    expect(arabic).toContain(normalize('12 يناير 2027'));
    expect(arabic).toContain(normalize('صفحة 1 من 1'));
    expect(arabic).not.toMatch(/[٠-٩]/u);

    const input = minutesInput(doc(actionItem('Prepare the plan', 'UK', '2027-01-12')), { language: 'en' });
    const english = normalize(await pdfText(await renderMinutesPdf({ ...input, group: { ...input.group, digits: 'arabic-indic' } })));
    expect(english).toContain(normalize('Session 16'));
    expect(english).toContain(normalize('12 January 2027'));
    expect(english).toContain(normalize('Page 1 of 1'));
    expect(english).not.toMatch(/[٠-٩]/u);
  });
});
