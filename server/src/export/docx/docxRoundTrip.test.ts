import { beforeAll, describe, expect, it } from 'vitest';
import { ARABIC_SENTENCES } from '../pdf/fixtures/arabicText.js';
import { lineWith, normalize, pdfFonts, pdfInfo, pdfLines, pdfText, pdfWords, reversed, wordOf, type PdfLine, type PdfWord } from '../pdf/fixtures/pdfTools.js';
import { actionItem, bulletList, doc, heading, minutesInput, orderedList, paragraph, text } from '../pdf/fixtures/sampleMinutes.js';
import { toTypstData, type PdfMinutesInput } from '../pdf/toTypstData.js';
import { SHIPPED_FONTS } from '../pdf/fonts.js';
import { libreOfficePdf } from './fixtures/docxTools.js';
import { minutesDocx } from './minutesDocx.js';
import { complexScriptSize } from './runs.js';

// A real reader of the Word file: LibreOffice opens it and prints it to PDF, and the PDF is read
// back with pdftotext as the PDF export's tests read theirs (pdfText.test.ts): the same sentences,
// the same normalisation, the same check that no paragraph comes out reversed.

const MIXED_AR = [
  'ناقش الوفد البريطاني UK MoD زيادة ميزانية التدريب إلى 1,250,000 دينار بدءا من 2026-11-25 وحتى نهاية العام.',
  'قدم الوفد البريطاني UK MoD عرضا عن التمرين المشترك مقاتل الصحراء 2026 بمشاركة 1,200 جندي.',
];
const MIXED_EN = [
  'The Kuwaiti delegation الوفد الكويتي agreed on 2026-11-25 to a budget of 1,250,000 KWD.',
  'The budget rises by 12.5% to 1,250,000 KWD from 2026-11-25, said the UK MoD.',
];
const TASKS = [
  ['إعداد خطة التمرين المشترك', 'الوفد الكويتي'],
  ['تقديم مقترح تدريب القوات', 'UK MoD'],
] as const;
const ENGLISH = 'The working group reviewed the joint exercise plan and the training of Kuwaiti forces in Britain.';
const SENTENCES = ARABIC_SENTENCES.slice(0, 3);

// A4 is 595.28 pt wide; the text area starts and ends 2 cm (56.69 pt) from the edges.
const LEFT_MARGIN = 56.69;
const RIGHT_MARGIN = 595.28 - 56.69;

function expectNear(x: number | undefined, edge: number): void {
  expect(x).toBeDefined();
  expect(Math.abs((x ?? 0) - edge)).toBeLessThan(3);
}

function expectInOrder(extracted: string, paragraphs: readonly string[]): void {
  const got = normalize(extracted);
  for (const p of paragraphs) {
    expect(got).toContain(normalize(p));
    expect(got).not.toContain(normalize(reversed(p)));
  }
}

interface ReadBack {
  text: string;
  lines: PdfLine[];
  words: PdfWord[];
  fonts: string[];
  pages: number;
}

async function throughLibreOffice(input: PdfMinutesInput): Promise<ReadBack> {
  const pdf = await libreOfficePdf(await minutesDocx(toTypstData(input)));
  const [text, lines, words, fonts, info] = await Promise.all([pdfText(pdf), pdfLines(pdf), pdfWords(pdf), pdfFonts(pdf), pdfInfo(pdf)]);
  return { text, lines, words, fonts, pages: info.pages };
}

// LibreOffice starts in seconds on a quiet machine and much slower on a loaded one: one
// conversion per document, shared by the checks.
const ROUND_TRIP_MS = 180_000;

describe('Word export read back by LibreOffice', () => {
  let arabic: ReadBack;
  let english: ReadBack;

  beforeAll(async () => {
    arabic = await throughLibreOffice(
      minutesInput(
        doc(
          heading(2, 'المناقشات'),
          ...SENTENCES.map((s) => paragraph(s)),
          paragraph(ENGLISH),
          ...MIXED_AR.map((s) => paragraph(s)),
          paragraph('قال (الوفد) إن الخطة — كما وردت في الفقرة 3/2 — "نهائية" بنسبة 80%؟'),
          bulletList('نقطة أولى', 'نقطة ثانية'),
          orderedList('البند الأول', 'البند الثاني'),
          ...TASKS.map(([task, owner], i) => actionItem(task, owner, `2027-01-1${i}`, 'in_progress')),
        ),
      ),
    );
    english = await throughLibreOffice(
      minutesInput(doc(...MIXED_EN.map((s) => paragraph(s)), paragraph(text('Bold', 'bold'), ' and ', text('italic', 'italic')), actionItem('Circulate the minutes', 'Secretariat', '', 'done')), {
        language: 'en',
      }),
    );
  }, 2 * ROUND_TRIP_MS);

  it('reads Arabic, English and mixed paragraphs and action items in logical order', () => {
    expectInOrder(arabic.text, ['المناقشات', ...SENTENCES, ENGLISH, ...MIXED_AR, 'نقطة أولى', 'البند الثاني']);
    expectInOrder(arabic.text, TASKS.flat());
    // Due dates are written out in Arabic ("10 يناير 2027"), read in order.
    expect(normalize(arabic.text)).toContain('10يناير2027');
    expect(arabic.text).toContain('قيد التنفيذ');
    expectInOrder(english.text, [...MIXED_EN, 'Bold and italic', 'Circulate the minutes']);
  });

  it('sets Arabic paragraphs from the right margin and English ones from the left', () => {
    expectNear(lineWith(arabic.lines, 'المناقشات')?.xMax, RIGHT_MARGIN);
    expectNear(lineWith(arabic.lines, 'UK MoD زيادة')?.xMax ?? lineWith(arabic.lines, 'ناقش')?.xMax, RIGHT_MARGIN);
    expectNear(lineWith(arabic.lines, 'reviewed')?.xMin, LEFT_MARGIN);
    expectNear(lineWith(english.lines, 'Kuwaiti')?.xMin, LEFT_MARGIN);
  });

  it('lays out the action-item table right to left in an Arabic document, left to right in an English one', () => {
    const [task, status] = [wordOf(arabic.words, 'المهمة'), wordOf(arabic.words, 'الحالة')];
    expect(task && status && task.xMin > status.xMax).toBe(true);
    const [taskEn, statusEn] = [wordOf(english.words, 'Task'), wordOf(english.words, 'Status')];
    expect(taskEn && statusEn && taskEn.xMax < statusEn.xMin).toBe(true);
  });

  it('prints the title block, the draft mark and "صفحة X من Y" / "Page X of Y"', () => {
    const got = normalize(arabic.text);
    for (const expected of ['مجموعة العمل في مجال الدفاع', 'الجلسة 16', 'الحضور', 'دولة الكويت', 'Michael Davenport', 'مسودة', 'DRAFT']) {
      expect(got).toContain(normalize(expected));
    }
    // The title block and attendance fill most of the first page: the action items go on to a second.
    expect(arabic.pages).toBe(2);
    expect(got).toContain(normalize('صفحة 1 من 2'));
    expect(got).toContain(normalize('صفحة 2 من 2'));
    expect(english.pages).toBe(1);
    expect(normalize(english.text)).toContain(normalize('Page 1 of 1'));
  });

  it('shows the minutes in the PDF fonts, embedded in the document, and in no other', () => {
    for (const read of [arabic, english]) {
      expect(read.fonts).toEqual(expect.arrayContaining(['NotoNaskhArabic-Regular', 'NotoNaskhArabic-Bold', 'NotoSans-Regular', 'NotoSans-Bold']));
      // Punctuation next to Arabic (brackets, dashes, %, /) included: Naskh lacks it, Noto Sans draws it, as in the PDF.
      for (const font of read.fonts) expect(SHIPPED_FONTS).toContain(font);
    }
  });
});

// Lines of one paragraph (or table cell): from the line holding `first` to the one holding `last`,
// with those between them in the same column, top to bottom. Lines in the page header are left out.
function linesOf(lines: PdfLine[], first: string, last: string): PdfLine[] {
  const body = lines.filter((l) => l.yMin > HEADER_BOTTOM);
  const [top, bottom] = [lineWith(body, first), lineWith(body, last)];
  if (!top || !bottom) throw new Error(`no line holds "${top ? last : first}"`);
  if (top.page !== bottom.page) throw new Error(`"${first}" and "${last}" are on different pages`);
  const column = (l: PdfLine) => l.page === top.page && l.xMin < top.xMax && l.xMax > top.xMin;
  return body.filter((l) => column(l) && l.yMin >= top.yMin && l.yMin <= bottom.yMin).sort((a, b) => a.yMin - b.yMin);
}

/** Distances from each line to the next: pdftotext's boxes of lines in one font and size are alike, so their tops are as far apart as their baselines. */
function pitches(lines: PdfLine[]): number[] {
  return lines.slice(1).map((l, i) => l.yMin - (lines[i]?.yMin ?? 0));
}

// The top margin, where the running header is (2.4 cm).
const HEADER_BOTTOM = 68;
// The PDF's line pitch (minutes.typ): a 1.5 em line box and a leading of 0.35 em, in em of the Latin size.
const PDF_PITCH = 1.85;
// Noto Naskh Arabic's ascender and descender: its marks (dots, hamza, shadda, kasra) stay within them.
const NASKH_EXTENT = 1.069 + 0.634;

describe('Word export read back by LibreOffice: line spacing', () => {
  const GROUP = 'مجموعة العمل المشتركة الكويتية البريطانية للتعاون في مجال الشؤون الأمنية والعسكرية الدفاعية';
  const HEADING = 'جدول الأعمال والمناقشات الدفاعية المشتركة بين دولة الكويت والمملكة المتحدة في مجال التدريب';
  const BODY = ARABIC_SENTENCES.slice(0, 3).join(' ');
  const ITEM = ARABIC_SENTENCES[3] ?? '';
  const TASK = 'إعداد خطة التمرين العسكري المشترك مقاتل الصحراء وعرضها';
  const EN = `${ENGLISH} ${MIXED_EN[1]}`;
  let lines: PdfLine[];

  beforeAll(async () => {
    const input = minutesInput(doc(heading(1, HEADING), paragraph(BODY), paragraph(EN), bulletList(ITEM), actionItem(TASK, 'الوفد الكويتي', '2027-01-10', 'open')), {
      delegations: [],
    });
    lines = (await throughLibreOffice({ ...input, group: { nameAr: GROUP, nameEn: 'Defence WG' } })).lines;
  }, ROUND_TRIP_MS);

  // Each of these wraps (the check below fails otherwise), and none may come closer to the line
  // above than the font's ascender and descender: a reader saw a group name's second line drawn
  // over its first and dots touching the line above at 14.4 pt in body text.
  it.each([
    ['the title block', 'مجموعة', 'الدفاعية', 16.5],
    ['a heading', 'جدول', 'التدريب', 22.5],
    ['a paragraph', 'عقدت', 'وتدريب', 11],
    ['a list item', 'يذكر', 'الماضي', 11],
    ['an action-item table cell', 'إعداد', 'وعرضها', 11],
  ] as const)('keeps Arabic lines of %s clear of each other, at least as far apart as in the PDF', (_what, first, last, size) => {
    const gaps = pitches(linesOf(lines, first, last));
    expect(gaps.length).toBeGreaterThan(0);
    // Arabic is set larger than the Latin size, in Word's half-points (runs.ts).
    const arabicSize = complexScriptSize(size * 2) / 2;
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(NASKH_EXTENT * arabicSize - 0.1);
      expect(gap).toBeGreaterThanOrEqual(PDF_PITCH * size - 0.05);
    }
  });

  it('sets English lines as far apart as the PDF does, no further', () => {
    const gaps = pitches(linesOf(lines, 'working', 'MoD'));
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(Math.abs(gap - PDF_PITCH * 11)).toBeLessThan(0.3);
  });
});
