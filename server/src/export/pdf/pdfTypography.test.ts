import { afterAll, describe, expect, it } from 'vitest';
import { ARABIC_SENTENCES, ARABIC_TASKS } from './fixtures/arabicText.js';
import { lineWith, normalize, pdfInfo, pdfLines, pdfText, pdfWords, wordOf, type PdfLine, type PdfWord } from './fixtures/pdfTools.js';
import { actionItem, bulletList, doc, heading, minutesInput, orderedList, paragraph } from './fixtures/sampleMinutes.js';
import { closePdfWorkers, renderMinutesPdf } from './index.js';

afterAll(closePdfWorkers);

// A4 is 595.28 pt wide; the text area starts and ends 2 cm (56.69 pt) from the edges.
const LEFT_MARGIN = 56.69;
const RIGHT_MARGIN = 595.28 - 56.69;
const BODY = 11;
/** Arabic-script text is set this much larger than Latin text (minutes.typ). */
const ARABIC_SCALE = 1.13;
// pdftotext boxes a word from its font's ascender to its descender, in em.
const NASKH_BOX = 1.069 + 0.634;
const SANS_BOX = 1.069 + 0.293;
const ASCENDER = 1.069;

function found<T>(value: T | undefined, what: string): T {
  expect(value, what).toBeDefined();
  return value as T;
}

const word = (words: PdfWord[], w: string) => found(wordOf(words, w), w);
const line = (lines: PdfLine[], w: string) => found(lineWith(lines, w), w);
const height = (w: PdfWord) => w.yMax - w.yMin;

function expectWithinMargins(lines: PdfLine[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) {
    expect(l.xMin, l.text.slice(0, 40)).toBeGreaterThanOrEqual(LEFT_MARGIN - 1);
    expect(l.xMax, l.text.slice(0, 40)).toBeLessThanOrEqual(RIGHT_MARGIN + 1);
  }
}

describe('lists in right-to-left minutes', () => {
  // The same list in both languages: a wrapped item holding a nested bullet list.
  const AR = orderedList('افتتاح الاجتماع', [paragraph(ARABIC_SENTENCES[1]), bulletList('الجدول الزمني', 'الميزانية')], 'الختام');
  const EN_LONG =
    'Strengthening defence cooperation between Britain and Kuwait, in particular training and joint exercises, topped the agenda of the working group.';
  const EN = orderedList('Opening', [paragraph(EN_LONG), bulletList('Timeline', 'Budget')], 'Closing');

  it('mirror left-to-right lists: marker on the right, same indents, nested lists further in, wrapped lines under the text', async () => {
    const arPdf = await renderMinutesPdf(minutesInput(doc(AR, bulletList('بند أول', 'بند ثان')), { delegations: [] }));
    const enPdf = await renderMinutesPdf(minutesInput(doc(EN, bulletList('First', 'Second')), { delegations: [], language: 'en' }));
    const [ar, arWords, en, enWords] = [await pdfLines(arPdf), await pdfWords(arPdf), await pdfLines(enPdf), await pdfWords(enPdf)];

    // Item 1: the line holds the marker and the text; the marker is right of the text.
    const arItem = line(ar, 'افتتاح');
    const arText = word(arWords, 'افتتاح');
    expect(arItem.xMax - arText.xMax).toBeGreaterThan(5);
    const enItem = line(en, 'Opening');
    const enText = word(enWords, 'Opening');
    // Marker and text indents from the margin are those of the English list.
    expect(Math.abs(RIGHT_MARGIN - arItem.xMax - (enItem.xMin - LEFT_MARGIN))).toBeLessThan(1);
    expect(Math.abs(RIGHT_MARGIN - arText.xMax - (enText.xMin - LEFT_MARGIN))).toBeLessThan(1.5);
    // A bullet list starts at the same indent as a numbered one.
    expect(Math.abs(line(ar, 'أول').xMax - arItem.xMax)).toBeLessThan(0.5);

    // Item 2 wraps: its next line lines up with the item's text, not with the marker.
    const arItem2 = word(arWords, 'وكان');
    const arWrapped = line(ar, 'الدفاعية');
    expect(arWrapped).not.toBe(line(ar, 'وكان'));
    expect(Math.abs(arWrapped.xMax - arItem2.xMax)).toBeLessThan(1);

    // The nested list is indented from its parent item's text towards the left, as far as in English.
    const arNested = word(arWords, 'الجدول');
    expect(arNested.xMax).toBeLessThan(arItem2.xMax - 8);
    expect(line(ar, 'الجدول').xMax).toBeLessThan(arItem2.xMax - 5);
    const enNested = word(enWords, 'Timeline');
    expect(Math.abs(RIGHT_MARGIN - arNested.xMax - (enNested.xMin - LEFT_MARGIN))).toBeLessThan(1.5);

    expectWithinMargins(ar);
    expectWithinMargins(en);
  });

  it('sets an item in the other script in its own direction, numbered on and spaced as the other items', async () => {
    const pdf = await renderMinutesPdf(minutesInput(doc(orderedList('بند عربي', 'The delegation presented its proposal.', 'Short English')), { delegations: [] }));
    const [lines, words] = [await pdfLines(pdf), await pdfWords(pdf)];
    expect(Math.abs(RIGHT_MARGIN - line(lines, 'عربي').xMax - 8.8)).toBeLessThan(0.5);
    for (const [item, number] of [['delegation', '2.'], ['Short', '3.']] as const) {
      const l = line(lines, item);
      expect(l.text.startsWith(number), l.text).toBe(true);
      expect(Math.abs(l.xMin - LEFT_MARGIN - 8.8)).toBeLessThan(0.5);
    }
    const baseline = (w: string, scale: number) => word(words, w).yMin + ASCENDER * BODY * scale;
    const pitch = baseline('Short', 1) - baseline('delegation', 1);
    expect(Math.abs(baseline('delegation', 1) - baseline('عربي', ARABIC_SCALE) - pitch)).toBeLessThan(0.1);
  });

  it('shows the number of an Arabic item as the browser does: period on the left of the digits', async () => {
    const pdf = await renderMinutesPdf(minutesInput(doc({ ...orderedList('التاسع', 'العاشر'), attrs: { start: 9 } }), { delegations: [] }));
    const words = await pdfWords(pdf);
    const ten = word(words, '10');
    const period = found(
      words.find((w) => w.text === '.' && Math.abs(w.yMin - ten.yMin) < 1),
      'period',
    );
    expect(period.xMax).toBeLessThanOrEqual(ten.xMin + 0.5);
    expect(word(words, 'العاشر').xMax).toBeLessThan(period.xMin);
  });
});

describe('Arabic text size', () => {
  it('sets Arabic script 13% larger than Latin text in body, headings, tables, title block and footer', async () => {
    const pdf = await renderMinutesPdf(
      minutesInput(
        doc(
          heading(2, 'المناقشات'),
          heading(2, 'Discussion'),
          paragraph('ناقش الوفد البريطاني UK MoD زيادة الميزانية.'),
          actionItem('إعداد الخطة', 'Secretariat', '', 'open'),
        ),
      ),
    );
    const words = await pdfWords(pdf);
    const expectSize = (w: string, size: number, box: number) => expect(height(word(words, w)), w).toBeCloseTo(size * box, 0);
    expectSize('ناقش', BODY * ARABIC_SCALE, NASKH_BOX);
    expectSize('MoD', BODY, SANS_BOX);
    // A level-2 heading is 16.5 pt (minutes.typ, `heading-styles`).
    expectSize('المناقشات', 16.5 * ARABIC_SCALE, NASKH_BOX);
    expectSize('Discussion', 16.5, SANS_BOX);
    expectSize('الخطة', BODY * ARABIC_SCALE, NASKH_BOX);
    expectSize('Secretariat', BODY, SANS_BOX);
    expectSize('المهمة', BODY * ARABIC_SCALE, NASKH_BOX);
    expectSize('الخبيزي', BODY * ARABIC_SCALE, NASKH_BOX);
    expectSize('Davenport', BODY, SANS_BOX);
    expectSize('السادس', BODY * 1.1 * ARABIC_SCALE, NASKH_BOX);
    expectSize('صفحة', BODY * 0.78 * ARABIC_SCALE, NASKH_BOX);
  });

  it('spaces the lines of Arabic and English paragraphs alike', async () => {
    const english = `${'The working group reviewed the joint exercise plan and the training of Kuwaiti forces in Britain. '.repeat(3)}`;
    const pdf = await renderMinutesPdf(minutesInput(doc(paragraph(ARABIC_SENTENCES.slice(0, 3).join(' ')), paragraph(english)), { delegations: [] }));
    const lines = (await pdfLines(pdf)).filter((l) => l.page === 1);
    const pitches = (from: string, count: number) => {
      const first = lines.indexOf(line(lines, from));
      return lines.slice(first, first + count + 1).map((l, i, all) => (i === 0 ? 0 : l.yMin - (all[i - 1]?.yMin ?? 0))).slice(1);
    };
    // The paragraphs run over 3+ lines each; every line of both is the same distance apart.
    const ar = pitches('عقدت', 2);
    const en = pitches('reviewed', 2);
    const first = found(ar[0], 'pitch');
    for (const pitch of [...ar, ...en]) expect(Math.abs(pitch - first)).toBeLessThan(0.05);
  });
});

describe('tables mixing Arabic and English', () => {
  const baseline = (w: PdfWord, scale: number) => w.yMin + ASCENDER * BODY * scale;

  it('puts the first baselines of Arabic and English cells of a row at the same height', async () => {
    const pdf = await renderMinutesPdf(minutesInput(doc(actionItem('تقديم مقترح لتدريب القوات', 'UK MoD', '2027-02-15', 'in_progress'))));
    const words = await pdfWords(pdf);
    const task = baseline(word(words, 'تقديم'), ARABIC_SCALE);
    expect(Math.abs(baseline(word(words, 'UK'), 1) - task)).toBeLessThan(0.3);
    // The due date is written out ("15 فبراير 2027"): its year is set in the Latin font.
    expect(Math.abs(baseline(word(words, '2027'), 1) - task)).toBeLessThan(0.3);
    expect(Math.abs(baseline(word(words, 'التنفيذ'), ARABIC_SCALE) - task)).toBeLessThan(0.3);
  });

  it('sets each cell in its own direction: English from its left edge in an Arabic table, Arabic from its right edge in an English one', async () => {
    // Arabic export: the English attendee's name starts at the left of the name column, which
    // is the right edge of the title column (two cell insets, 5 pt each, from the Arabic title).
    const ar = await pdfWords(await renderMinutesPdf(minutesInput(doc())));
    expect(word(ar, 'Michael').xMin - word(ar, 'مساعد').xMax).toBeCloseTo(10, 0);
    // English export: the Arabic task ends at the right of the task column, 10 pt before the owner.
    const en = await pdfWords(await renderMinutesPdf(minutesInput(doc(actionItem('إعداد الخطة', 'UK MoD')), { language: 'en' })));
    expect(word(en, 'UK').xMin - word(en, 'إعداد').xMax).toBeCloseTo(10, 0);
  });

  it('repeats the header on every page of an action table mixing Arabic and English rows', async () => {
    const tasks = Array.from({ length: 60 }, (_, i) => {
      const [task, owner] = ARABIC_TASKS[i % ARABIC_TASKS.length] ?? ['', ''];
      return i % 2 === 0 ? actionItem(task, owner, '2027-03-01', 'open') : actionItem('Send the draft exercise plan to all delegations', 'UK MoD', '2027-03-02', 'done');
    });
    const pdf = await renderMinutesPdf(minutesInput(doc(paragraph('بنود العمل:'), ...tasks)));
    const { pages } = await pdfInfo(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let page = 2; page <= pages; page++) {
      const got = normalize(await pdfText(pdf, { first: page, last: page }));
      for (const label of ['المهمة', 'المسؤول', 'تاريخ الاستحقاق', 'الحالة']) expect(got, `page ${page}`).toContain(normalize(label));
    }
  });
});

describe('long words', () => {
  const AR60 = 'مقاتلالصحراء'.repeat(5);
  const LATIN60 = 'abcdefghij'.repeat(6);

  it('keeps a long word that fits on a line whole, rather than splitting it at the end of the line before', async () => {
    const filler = 'نص قبل الكلمة الطويلة يملأ السطر الأول من الفقرة حتى لا يبقى فيه متسع لها كلها';
    const pdf = await renderMinutesPdf(
      minutesInput(doc(paragraph(`${filler} ${AR60} بعدها.`), paragraph(`Some text before the long word, enough of it to fill a line: ${LATIN60} after.`)), {
        delegations: [],
      }),
    );
    const words = await pdfWords(pdf);
    expect(wordOf(words, AR60)).toBeDefined();
    expect(wordOf(words, LATIN60)).toBeDefined();
  });

  it('breaks a word wider than its table cell inside the cell', async () => {
    const url = 'https://example.gov.kw/documents/minutes/2026/11/25/session-16-annex.pdf';
    const pdf = await renderMinutesPdf(minutesInput(doc(actionItem('مراجعة الملحق', url, '', 'open')), { delegations: [] }));
    const pieces = (await pdfWords(pdf)).filter((w) => /[a-z]/.test(w.text) && !/GMT|^[0-9a-f]{16}$/.test(w.text));
    expect(new Set(pieces.map((w) => w.yMin)).size).toBeGreaterThan(2);
    // All of it within the owner column: 27% of the 481.9 pt text width, less the cell insets.
    const left = Math.min(...pieces.map((w) => w.xMin));
    const right = Math.max(...pieces.map((w) => w.xMax));
    expect(right - left).toBeLessThanOrEqual(0.27 * 481.9 - 10 + 0.5);
    expect(normalize(pieces.map((w) => w.text).join(''))).toBe(normalize(url));
  });
});
