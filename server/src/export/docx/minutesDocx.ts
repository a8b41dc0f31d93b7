import { Document, Footer, Header, NumberFormat, Packer, type IBaseParagraphStyleOptions } from 'docx';
import type { TypstData } from '../pdf/toTypstData.js';
import { BULLET_LIST, hasItalics, HEADINGS, writeBlocks } from './blocks.js';
import { ARABIC_FONT, embeddedFonts, LATIN_FONT } from './fonts.js';
import { annexBlock, approvalBlock, attendance, factsTable, pageFooter, pageHeader, titleBlock } from './frontMatter.js';
import { LEADING, lineSpacing, PAGE, rule } from './layout.js';
import { BODY_SIZE, complexScriptSize, wordText } from './runs.js';

const FONTS = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: ARABIC_FONT, eastAsia: LATIN_FONT };

function headingStyle(level: number): IBaseParagraphStyleOptions {
  const h = HEADINGS[level - 1] ?? HEADINGS[5];
  return {
    run: { font: FONTS, size: h.size, sizeComplexScript: complexScriptSize(h.size), bold: true, boldComplexScript: true, italics: false, color: '000000' },
    paragraph: { spacing: { before: h.before, after: h.after, ...lineSpacing(h.size) }, keepNext: true },
  };
}

/** The fields of the PDF's data that this export prints: all of them. */
type Printed =
  | 'dir'
  | 'labels'
  | 'draft'
  | 'docTitle'
  | 'running'
  | 'groupNames'
  | 'heading'
  | 'titles'
  | 'facts'
  | 'attendance'
  | 'attendanceAtTop'
  | 'arabicIndic'
  | 'blocks'
  | 'exportedAt'
  | 'hash'
  | 'versionLine'
  | 'approval'
  | 'annex';
/** The PDF's data while this export prints every field of it: a field added for the PDF makes this `never`, which fails the type check. */
type FullyPrinted = [Exclude<keyof TypstData, Printed>] extends [never] ? TypstData : never;

/**
 * The minutes as a Word document, from the same data as the PDF (toTypstData.ts): title block,
 * attendance, the minutes' blocks, approval block; running header with the draft mark, footer
 * with export time, content hash and page numbers. Each paragraph and table cell in its own
 * direction; Arabic runs right-to-left with complex-script size and weight.
 */
export async function minutesDocx(data: FullyPrinted): Promise<Uint8Array> {
  const { dir, labels, docTitle, blocks } = data;
  let lists = 0;
  const document = new Document({
    title: wordText(docTitle),
    creator: 'Mahdar',
    fonts: embeddedFonts({ italic: hasItalics(blocks) }),
    styles: {
      default: {
        document: {
          run: { font: FONTS, size: BODY_SIZE, sizeComplexScript: complexScriptSize(BODY_SIZE), language: { value: 'en-GB', bidirectional: 'ar-KW' } },
          // The PDF's `par-spacing` (0.8em) less the leading the line spacing holds: paragraphs as far apart as in the PDF.
          paragraph: { spacing: { after: Math.round((0.8 - LEADING) * BODY_SIZE * 10), ...lineSpacing() } },
        },
        heading1: headingStyle(1),
        heading2: headingStyle(2),
        heading3: headingStyle(3),
        heading4: headingStyle(4),
        heading5: headingStyle(5),
        heading6: headingStyle(6),
      },
    },
    numbering: { config: [BULLET_LIST] },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // Page numbers in the group's digits (Word calls Arabic-Indic digits "Hindi").
            ...(data.arabicIndic ? { pageNumbers: { formatType: NumberFormat.HINDI_NUMBERS } } : {}),
            margin: { top: PAGE.marginTop, bottom: PAGE.marginBottom, left: PAGE.marginX, right: PAGE.marginX, header: 567, footer: 567 },
          },
        },
        headers: { default: new Header({ children: pageHeader(data) }) },
        footers: { default: new Footer({ children: pageFooter(data) }) },
        children: [
          ...titleBlock(data),
          factsTable(data),
          // Minutes made before the attendance block existed: attendance above them, as in the PDF.
          ...(data.attendanceAtTop ? attendance(data) : []),
          rule(dir),
          ...writeBlocks(blocks, { labels, depth: 0, nextList: () => ++lists, attendance: () => attendance(data, { titled: false }) }),
          ...approvalBlock(data),
          ...annexBlock(data),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
