import { describe, expect, it } from 'vitest';
import { ARABIC_SENTENCES } from '../pdf/fixtures/arabicText.js';
import { actionItem, bulletList, doc, heading, minutesInput, orderedList, paragraph, text } from '../pdf/fixtures/sampleMinutes.js';
import { toTypstData, type PdfMinutesInput, type PdfRecord } from '../pdf/toTypstData.js';
import { paragraphsOf, part, unzip, type XmlParagraph } from './fixtures/docxTools.js';
import { minutesDocx } from './minutesDocx.js';

const MIXED_AR = 'ناقش الوفد البريطاني UK MoD زيادة ميزانية التدريب إلى 1,250,000 دينار بدءا من 2026-11-25 وحتى نهاية العام.';
const MIXED_EN = 'The Kuwaiti delegation الوفد الكويتي agreed on 2026-11-25 to a budget of 1,250,000 KWD.';
const ARABIC = ARABIC_SENTENCES[1];

const docx = (input: PdfMinutesInput, record?: PdfRecord) => minutesDocx(toTypstData({ ...input, record }));

function paragraphWith(paragraphs: XmlParagraph[], fragment: string): XmlParagraph {
  const found = paragraphs.find((p) => p.text.replace(/\u200E/g, '').includes(fragment));
  if (!found) throw new Error(`no paragraph holds "${fragment}"`);
  return found;
}

const LATIN_OR_DIGIT = /[A-Za-z0-9]/;
const ARABIC_LETTER = /\p{Script=Arabic}/u;

describe('Word export: the document.xml', () => {
  it('makes Arabic paragraphs right-to-left and right-aligned, English ones left-to-right', async () => {
    const file = await docx(minutesInput(doc(heading(2, 'المناقشات'), paragraph(ARABIC), paragraph(MIXED_AR), paragraph('The delegation agreed.'), paragraph(MIXED_EN)), { language: 'both' }));
    const paragraphs = paragraphsOf(part(file, 'word/document.xml'));
    for (const fragment of ['المناقشات', ARABIC.slice(0, 30), 'ناقش الوفد البريطاني']) {
      const p = paragraphWith(paragraphs, fragment);
      expect(p.bidi, fragment).toBe(true);
      // Word's own way of writing "aligned right" in a right-to-left paragraph: `left` is its start.
      expect(p.xml, fragment).toMatch(/<w:jc w:val="left"\/>/);
    }
    for (const fragment of ['The delegation agreed.', 'The Kuwaiti delegation']) {
      const p = paragraphWith(paragraphs, fragment);
      expect(p.bidi, fragment).toBe(false);
      expect(p.xml, fragment).toMatch(/<w:jc w:val="left"\/>/);
    }
  });

  it('marks Arabic runs right-to-left with complex-script size, and never a run with Latin letters or digits', async () => {
    const file = await docx(minutesInput(doc(paragraph(MIXED_AR), paragraph(MIXED_EN), paragraph(text('نص عريض', 'bold'), ' و ', text('NATO', 'bold')))));
    const paragraphs = paragraphsOf(part(file, 'word/document.xml'));
    const runs = paragraphs.flatMap((p) => p.runs);
    expect(runs.length).toBeGreaterThan(20);
    for (const run of runs) {
      if (LATIN_OR_DIGIT.test(run.text)) expect(run.rtl, run.text).toBe(false);
      if (ARABIC_LETTER.test(run.text)) {
        expect(run.rtl, run.text).toBe(true);
        expect(run.xml, run.text).toMatch(/<w:szCs w:val="\d+"\/>/);
      }
    }
    // The words keep their order and nothing is lost: each paragraph's runs give back its text.
    expect(paragraphWith(paragraphs, 'ناقش').text.replace(/\u200E/g, '')).toBe(MIXED_AR);
    expect(paragraphWith(paragraphs, 'The Kuwaiti').text.replace(/\u200E/g, '')).toBe(MIXED_EN);
    const mixed = paragraphWith(paragraphs, 'ناقش');
    expect(mixed.runs.map((r) => [r.text.replace(/\u200E/g, ''), r.rtl])).toEqual([
      ['ناقش الوفد البريطاني ', true],
      ['UK MoD', false],
      [' زيادة ميزانية التدريب إلى ', true],
      ['1,250,000', false],
      [' دينار بدءا من ', true],
      ['2026-11-25', false],
      [' وحتى نهاية العام.', true],
    ]);
    // Bold Arabic is bold in the complex script too (Word draws Arabic with the `Cs` properties).
    const bold = paragraphWith(paragraphs, 'نص عريض').runs;
    expect(bold.find((r) => r.text === 'نص عريض')?.xml).toMatch(/<w:b\/><w:bCs\/>/);
    expect(bold.find((r) => r.text === 'NATO')).toMatchObject({ rtl: false });
  });

  it('sets tables of an Arabic document visually right-to-left, and of an English one not', async () => {
    const minutes = doc(actionItem('إعداد خطة التمرين', 'الوفد الكويتي', '2027-01-10', 'in_progress'));
    const arabic = part(await docx(minutesInput(minutes)), 'word/document.xml');
    const english = part(await docx(minutesInput(minutes, { language: 'en' })), 'word/document.xml');
    const tables = (xml: string) => [...xml.matchAll(/<w:tblPr>([\s\S]*?)<\/w:tblPr>/g)].map((m) => m[1] ?? '');
    // Facts, attendance, action items.
    expect(tables(arabic)).toHaveLength(3);
    for (const props of tables(arabic)) expect(props).toContain('<w:bidiVisual/>');
    expect(tables(english)).toHaveLength(3);
    for (const props of tables(english)) expect(props).not.toContain('bidiVisual');
    // The action-item table's header repeats on every page, its status cell has the PDF's colour.
    expect(arabic).toMatch(/<w:tblHeader\/>[\s\S]*المهمة/);
    expect(arabic).toMatch(/w:fill="DCECFF"[\s\S]*?قيد التنفيذ/);
  });

  it('numbers the pages with Word fields: "صفحة X من Y", "Page X of Y"', async () => {
    for (const [language, page, of] of [['ar', 'صفحة', 'من'], ['en', 'Page', 'of']] as const) {
      const footer = part(await docx(minutesInput(doc(paragraph('نص.')), { language })), 'word/footer1.xml');
      const text = footer.replace(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/, '{PAGE}').replace(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/, '{NUMPAGES}');
      const flat = text.replace(/<(?!\/?w:t[ >])[^>]*>/g, '').replace(/<\/?w:t[^>]*>/g, '');
      expect(flat).toContain(`${page} {PAGE} ${of} {NUMPAGES}`);
      expect(footer).toMatch(/w:fldCharType="begin"/);
    }
  });

  it('marks a draft "مسودة / DRAFT" in the header of every page, and prints the approval block of approved minutes', async () => {
    const draftHeader = part(await docx(minutesInput(doc(paragraph('نص.')))), 'word/header1.xml');
    expect(paragraphsOf(draftHeader).map((p) => p.text).join('|')).toContain('مسودة / DRAFT');
    const record: PdfRecord = {
      sha256: 'ab'.repeat(32),
      versionNumber: 4,
      approval: { versionNumber: 4, sha256: 'ab'.repeat(32), sides: [{ side: 'الكويت — Kuwait', approver: 'وليد الخبيزي', at: new Date('2026-12-01T09:00:00Z') }] },
    };
    const approved = await docx(minutesInput(doc(paragraph('نص.')), { status: 'approved' }), record);
    expect(part(approved, 'word/header1.xml')).not.toContain('DRAFT');
    const body = paragraphsOf(part(approved, 'word/document.xml')).map((p) => p.text.replace(/\u200E/g, ''));
    expect(body).toContain('اعتماد المحضر');
    expect(body).toContain('وليد الخبيزي');
    expect(body).toContain('النسخة 4 — معتمدة');
    expect(body.join('|')).toContain(`النسخة المعتمدة: 4    بصمة المحتوى: ${'ab'.repeat(8)}`);
  });

  it('holds the title block, attendance by delegation, lists and headings of the minutes', async () => {
    const file = await docx(minutesInput(doc(heading(1, 'جدول الأعمال'), orderedList('البند الأول', 'البند الثاني'), bulletList('نقطة', [paragraph('نقطة بفقرتين'), paragraph('الفقرة الثانية')]))));
    const xml = part(file, 'word/document.xml');
    const texts = paragraphsOf(xml).map((p) => p.text);
    for (const expected of ['مجموعة العمل في مجال الدفاع', 'الاجتماع السادس عشر لمجموعة العمل في مجال الدفاع', 'الحضور', 'دولة الكويت', 'وليد الخبيزي', 'United Kingdom', 'Michael Davenport']) {
      expect(texts).toContain(expected);
    }
    // Below each title line the PDF's space, a share of the line's size (half of the group name's
    // 16.5 pt) less the leading its line holds (0.35 of it); lines at least the PDF's 1.85 em apart.
    expect(paragraphWith(paragraphsOf(xml), 'مجموعة العمل في مجال الدفاع').xml).toContain('<w:spacing w:after="50" w:line="611" w:lineRule="atLeast"/>');
    expect(paragraphWith(paragraphsOf(xml), 'الاجتماع السادس عشر').xml).toContain('<w:spacing w:after="12" w:line="444" w:lineRule="atLeast"/>');
    const title = paragraphWith(paragraphsOf(xml), 'جدول الأعمال');
    expect(title.xml).toContain('<w:pStyle w:val="Heading1"/>');
    // The PDF's heading size (1.45 × 1.4 × 11 pt), on the run as well as in the style.
    expect(title.runs[0]?.xml).toMatch(/<w:sz w:val="45"\/><w:szCs w:val="51"\/>/);
    const numbered = paragraphsOf(xml).filter((p) => p.xml.includes('<w:numPr>')).map((p) => p.text);
    expect(numbered).toEqual(['البند الأول', 'البند الثاني', 'نقطة', 'نقطة بفقرتين']);
    // A list item's second paragraph is indented under the first, without a marker of its own.
    expect(paragraphWith(paragraphsOf(xml), 'الفقرة الثانية').xml).toMatch(/<w:ind w:left="\d+"\/>/);
  });

  it("spaces lines at least the PDF's pitch for their size, never exactly, and always says how", async () => {
    const file = await docx(
      minutesInput(doc(heading(1, 'جدول الأعمال'), paragraph(ARABIC), bulletList('نقطة'), actionItem('إعداد خطة التمرين', 'الوفد الكويتي', '2027-01-10', 'open')), { language: 'both' }),
    );
    const styles = part(file, 'word/styles.xml');
    // Body text: 1.85 × 11 pt = 20.35 pt (407 twips) at least, the PDF's 0.8 em between paragraphs less the leading.
    expect(/<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(styles)?.[0]).toContain('<w:spacing w:after="99" w:line="407" w:lineRule="atLeast"/>');
    // Headings: at least 1.85 × their own size (Heading 1: 22.5 pt).
    expect(/<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(styles)?.[0]).toContain('<w:spacing w:after="216" w:before="400" w:line="833" w:lineRule="atLeast"/>');
    const parts = ['word/document.xml', 'word/header1.xml', 'word/footer1.xml'].map((name) => part(file, name));
    const spacings = [styles, ...parts].flatMap((xml) => [...xml.matchAll(/<w:spacing [^>]*w:line="[^>]*>/g)].map((m) => m[0]));
    expect(spacings.length).toBeGreaterThan(20);
    // A line height without its rule is read as `auto` by Word and as exact by LibreOffice, which
    // set Arabic lines on top of each other; an exact one cuts off marks in Word.
    for (const spacing of spacings) expect(spacing).toMatch(/w:lineRule="(atLeast|auto)"/);
    // Every paragraph of the body, list items and table cells included, spaced for its size.
    for (const p of paragraphsOf(parts[0] ?? '').filter((p) => p.text.trim())) expect(p.xml, p.text).toMatch(/w:lineRule="atLeast"/);
  });

  it('names the PDF fonts and embeds them, in en-GB with Arabic (Kuwait) for right-to-left text', async () => {
    const file = await docx(minutesInput(doc(paragraph('نص.'))));
    const styles = part(file, 'word/styles.xml');
    expect(styles).toMatch(/<w:rFonts w:ascii="Noto Sans" w:cs="Noto Naskh Arabic" w:eastAsia="Noto Sans" w:hAnsi="Noto Sans"\/>/);
    expect(styles).toMatch(/<w:lang w:val="en-GB" w:bidi="ar-KW"\/>/);
    const fontTable = part(file, 'word/fontTable.xml');
    for (const face of ['embedRegular', 'embedBold']) {
      expect(fontTable).toMatch(new RegExp(`w:name="Noto Naskh Arabic"[\\s\\S]*?<w:${face} `));
      expect(fontTable).toMatch(new RegExp(`w:name="Noto Sans"[\\s\\S]*?<w:${face} `));
    }
    // Regular and bold of each family; the italic faces only for minutes with italic text.
    expect([...unzip(file).keys()].filter((name) => name.startsWith('word/fonts/'))).toHaveLength(4);
    const italic = await docx(minutesInput(doc(paragraph(text('مائل', 'italic')))));
    expect([...unzip(italic).keys()].filter((name) => name.startsWith('word/fonts/'))).toHaveLength(6);
    expect(part(italic, 'word/fontTable.xml')).toMatch(/w:name="Noto Sans"[\s\S]*?<w:embedBoldItalic /);
  });

  it('ends a draft with the annex of open amendments by side when asked, on a page of its own', async () => {
    const amendments = [{ side: 'الكويت — Kuwait', author: 'خالد العنزي', quote: 'عقد الاجتماع في لندن', proposed: 'عقد الاجتماع في الكويت', rationale: '' }];
    const body = paragraphsOf(part(await docx({ ...minutesInput(doc(paragraph('نص.'))), amendments }), 'word/document.xml'));
    const title = paragraphWith(body, 'ملحق: التعديلات المقترحة المفتوحة');
    expect(title.xml).toContain('<w:pageBreakBefore/>');
    for (const text of ['الكويت — Kuwait', 'عقد الاجتماع في لندن', 'عقد الاجتماع في الكويت', 'خالد العنزي', 'الصيغة المقترحة']) expect(body.map((p) => p.text)).toContain(text);
    // Never on an approved record.
    const record: PdfRecord = { sha256: 'ab'.repeat(32), versionNumber: 1, approval: { versionNumber: 1, sha256: 'ab'.repeat(32), sides: [] } };
    const approved = paragraphsOf(part(await docx({ ...minutesInput(doc(paragraph('نص.'))), amendments }, record), 'word/document.xml'));
    expect(approved.map((p) => p.text)).not.toContain('ملحق: التعديلات المقترحة المفتوحة');
  });

  it('writes text Word would refuse as valid XML', async () => {
    const file = await docx(minutesInput(doc(paragraph('a\uFFFEb <w:p>&amp; "q"'), heading(2, ']]> \uFFFF'))));
    const xml = part(file, 'word/document.xml');
    expect(xml).not.toMatch(/[\uFFFE\uFFFF]/);
    expect(paragraphsOf(xml).map((p) => p.text)).toContain('a\uFFFDb <w:p>&amp; "q"');
  });
});
