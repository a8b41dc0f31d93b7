import { afterAll, describe, expect, it } from 'vitest';
import { ARABIC_SENTENCES } from './fixtures/arabicText.js';
import { lineWith, normalize, pdfLines, pdfText, reversed } from './fixtures/pdfTools.js';
import { actionItem, doc, heading, minutesInput, paragraph, text } from './fixtures/sampleMinutes.js';
import { closePdfWorkers, renderMinutesPdf } from './index.js';

afterAll(closePdfWorkers);

// Mixed lines whose words pdftotext puts back in logical order. It reorders words by the page's
// majority direction, so Arabic-led paragraphs are checked in an Arabic export and English-led
// ones in an English export.
const MIXED_AR = [
  'ناقش الوفد البريطاني UK MoD زيادة ميزانية التدريب إلى 1,250,000 دينار بدءا من 2026-11-25 وحتى نهاية العام.',
  'قدم الوفد البريطاني UK MoD عرضا عن التمرين المشترك مقاتل الصحراء 2026 بمشاركة 1,200 جندي.',
];
const MIXED_EN = [
  'The Kuwaiti delegation الوفد الكويتي agreed on 2026-11-25 to a budget of 1,250,000 KWD.',
  'The budget rises by 12.5% to 1,250,000 KWD from 2026-11-25, said the UK MoD.',
];
// Short enough for one line of the task column: pdftotext reads a table row by row, so a task
// wrapped over two lines would come out interleaved with its neighbours.
const TASKS = [
  ['إعداد خطة التمرين المشترك', 'الوفد الكويتي'],
  ['تقديم مقترح تدريب القوات', 'UK MoD'],
  ['متابعة المشتريات الدفاعية', 'وزارة الدفاع'],
] as const;
const ENGLISH = 'The working group reviewed the joint exercise plan and the training of Kuwaiti forces in Britain.';

// A4 is 595.28 pt wide; the text area starts and ends 2 cm (56.69 pt) from the edges.
const LEFT_MARGIN = 56.69;
const RIGHT_MARGIN = 595.28 - 56.69;

/** Within 2 pt: a glyph's ink starts a little inside its advance box. */
function expectNear(x: number | undefined, edge: number): void {
  expect(x).toBeDefined();
  expect(Math.abs((x ?? 0) - edge)).toBeLessThan(2);
}

function expectInOrder(extracted: string, paragraphs: readonly string[]): void {
  const got = normalize(extracted);
  for (const p of paragraphs) {
    expect(got).toContain(normalize(p));
    expect(got).not.toContain(normalize(reversed(p)));
  }
}

describe('PDF text of the minutes', () => {
  it('holds Arabic, English and mixed paragraphs and action items in logical order', async () => {
    const sentences = ARABIC_SENTENCES.slice(0, 5);
    const pdf = await renderMinutesPdf(
      minutesInput(
        doc(
          heading(2, 'المناقشات'),
          ...sentences.map((s) => paragraph(s)),
          paragraph(ENGLISH),
          ...MIXED_AR.map((s) => paragraph(s)),
          ...TASKS.map(([task, owner], i) => actionItem(task, owner, `2027-01-1${i}`, 'in_progress')),
        ),
      ),
    );
    const extracted = await pdfText(pdf);
    expectInOrder(extracted, ['المناقشات', ...sentences, ENGLISH, ...MIXED_AR]);
    expectInOrder(extracted, TASKS.flat());
    // Due dates as Arabic writes them (the group's digits are Western by default).
    expect(normalize(extracted)).toContain('12يناير2027');
    expect(extracted).toContain('قيد التنفيذ');
  });

  it('keeps 12.5% whole in an Arabic paragraph', async () => {
    const pdf = await renderMinutesPdf(minutesInput(doc(paragraph('ارتفعت نسبة المشاركة إلى 12.5% في التمرين.'))));
    // In a right-to-left line the percent sign is drawn left of the number (UAX #9, as browsers
    // do), and pdftotext reads that token left to right; either way the digits stay together.
    expect(normalize(await pdfText(pdf))).toMatch(/ارتفعتنسبةالمشاركةإلى(12\.5%|%12\.5)فيالتمرين\./u);
  });

  it('holds English paragraphs with Arabic words in logical order in an English export', async () => {
    const pdf = await renderMinutesPdf(
      minutesInput(doc(...MIXED_EN.map((s) => paragraph(s)), paragraph(text('Bold', 'bold'), ' and ', text('italic', 'italic'))), {
        language: 'en',
      }),
    );
    const extracted = await pdfText(pdf);
    expectInOrder(extracted, [...MIXED_EN, 'Bold and italic']);
  });

  it('sets each paragraph in its own direction: Arabic from the right margin, English from the left', async () => {
    for (const language of ['ar', 'en'] as const) {
      const pdf = await renderMinutesPdf(
        minutesInput(doc(paragraph('وافق الوفد على الخطة.'), paragraph('The delegation agreed.')), {
          language,
        }),
      );
      const lines = await pdfLines(pdf);
      expectNear(lineWith(lines, 'الخطة')?.xMax, RIGHT_MARGIN);
      expectNear(lineWith(lines, 'agreed.')?.xMin, LEFT_MARGIN);
    }
  });

  it('follows an explicit dir attribute over the text', async () => {
    const rtlEnglish = { type: 'paragraph', attrs: { dir: 'rtl' }, content: [text('Set right to left.')] };
    const ltrArabic = { type: 'paragraph', attrs: { dir: 'ltr' }, content: [text('فقرة من اليسار.')] };
    const lines = await pdfLines(await renderMinutesPdf(minutesInput(doc(rtlEnglish, ltrArabic), { language: 'en' })));
    expectNear(lineWith(lines, 'Set')?.xMax, RIGHT_MARGIN);
    expectNear(lineWith(lines, 'اليسار')?.xMin, LEFT_MARGIN);
  });

  it('prints the title block: group, session, date in the meeting time zone, place, attendance', async () => {
    // 22:30 UTC on the 25th is already the 26th in Kuwait.
    const pdf = await renderMinutesPdf(minutesInput(doc(), { startsAt: '2026-11-25T22:30:00.000Z' }));
    const got = normalize(await pdfText(pdf));
    for (const expected of [
      'مجموعة العمل في مجال الدفاع',
      'الجلسة 16',
      // The zone as its page names it, not by its offset (غرينتش+3).
      '1:30 ص بتوقيت الكويت',
      'وزارة الخارجية، الكويت',
      'الحضور',
      'دولة الكويت',
      'وليد الخبيزي',
      'مساعد وزير الخارجية لشؤون أوروبا',
      'Michael Davenport',
      'British Ambassador',
    ]) {
      expect(got).toContain(normalize(expected));
    }
    // The hour as the interface writes it, without a leading zero.
    expect(got).not.toContain('01:30');
    // pdftotext may put the comma after the number that ends a right-to-left run.
    expect(got).toMatch(/الخميس(،26|26،)نوفمبر2026/u);
  });

  it('labels a virtual meeting and an English export in English', async () => {
    const pdf = await renderMinutesPdf(
      minutesInput(doc(actionItem('Circulate the minutes', 'Secretariat', '', 'done')), { language: 'en', isVirtual: true, place: '' }),
    );
    const got = normalize(await pdfText(pdf));
    for (const expected of ['Defence WG', 'Session 16', 'Wednesday, 25 November 2026', 'Kuwait time', 'Virtual', 'Attendance', 'Task', 'Owner', 'Due date', 'Status', 'Done', 'Page 1 of 1']) {
      expect(got).toContain(normalize(expected));
    }
    expect(got).not.toContain(normalize('صفحة'));
  });

  it('labels an Arabic export in Arabic with "صفحة X من Y" and a content hash in the footer', async () => {
    const input = minutesInput(doc(paragraph('نص قصير.')), { isVirtual: true, place: '' });
    const got = normalize(await pdfText(await renderMinutesPdf(input)));
    expect(got).toContain(normalize('صفحة 1 من 1'));
    expect(got).toContain('افتراضي');
    // Colons end right-to-left runs, so pdftotext may move them; the rest must be in order.
    const withoutColons = got.replaceAll(':', '');
    expect(withoutColons).toContain(normalize('تاريخ التصدير 2026-11-26 1215 GMT+3'));
    expect(withoutColons).toMatch(/بصمةالمحتوى[0-9a-f]{16}/u);
  });
});
