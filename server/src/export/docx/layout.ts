import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { RichText } from '../pdf/docToBlocks.js';
import type { Direction } from '../pdf/textDirection.js';
import { BODY_SIZE, runsOf, type RunLook } from './runs.js';

/** A4 and the PDF's margins (minutes.typ), in twentieths of a point. */
export const PAGE = { width: 11906, height: 16838, marginX: 1134, marginTop: 1361, marginBottom: 1474 } as const;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.marginX;

/** The PDF's greys (`muted`, `rule`, header fills). */
export const COLORS = { muted: '5A5A5A', rule: 'AAAAAA', headerFill: 'E8E8E8', groupFill: 'F5F5F5', red: 'C00000' } as const;

export type Align = 'start' | 'end' | 'center';

/**
 * The PDF's distance from line to line, in em of the Latin size: every line box is 1em above and
 * 0.5em below the baseline, in either script, and lines are a leading of 0.35em apart
 * (`line-top`, `line-bottom`, `leading` in minutes.typ): 20.35 pt for 11 pt body text. A Word line
 * holds the leading too, so the PDF's space between paragraphs is the leading less in Word.
 */
export const LEADING = 0.35;
const LINE_PITCH = 1 + 0.5 + LEADING;

/**
 * Line spacing for text of `size` (half-points): at least the PDF's line pitch. "At least", not
 * "exact" and not a multiple (`auto`): Word and LibreOffice then take the taller of this and the
 * line's own fonts, ascender to descender (Noto Naskh Arabic 1.07 + 0.63 em at 1.13 × the Latin
 * size, 21.3 pt for body text; Noto Sans 1.07 + 0.29 em), so an Arabic line is never closer to the
 * one above than its marks need, and Latin lines are set as in the PDF. An exact height lets
 * Arabic lines overlap (the 14.4 pt of the former `w:line="288"`, which LibreOffice read as exact
 * without a `w:lineRule`, Word as 1.2 × the fonts' height) and Word cuts off what does not fit; a
 * multiple of the fonts' height that gives Latin lines the PDF's pitch (1.36) would set Arabic
 * ones 29 pt apart, two fifths further than in the PDF.
 */
export function lineSpacing(size: number = BODY_SIZE): { line: number; lineRule: typeof LineRuleType.AT_LEAST } {
  // Half-points × 10 = twentieths of a point.
  return { line: Math.round(size * 10 * LINE_PITCH), lineRule: LineRuleType.AT_LEAST };
}

/**
 * A paragraph in its own direction: right-to-left (`w:bidi`) and at the right margin, or
 * left-to-right at the left one. `align` is relative to the direction, as in the PDF. `size`, the
 * size of its text (half-points, body size when not given), sets its line spacing (`lineSpacing`),
 * on every paragraph as the sizes are on every run.
 */
export function paragraph(
  dir: Direction,
  children: ParagraphChild[],
  options: Omit<IParagraphOptions, 'children'> & { align?: Align; size?: number } = {},
): Paragraph {
  const { align = 'start', size, spacing, ...rest } = options;
  const side = align === 'center' ? AlignmentType.CENTER : (align === 'start') === (dir === 'rtl') ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return new Paragraph({ ...rest, spacing: { ...spacing, ...lineSpacing(size) }, children, ...(dir === 'rtl' && { bidirectional: true }), alignment: side });
}

/** User text (a name, a cell) as one paragraph in its own direction, spaced for the size of `look`. */
export function richParagraph(text: RichText, look: RunLook = {}, options: Parameters<typeof paragraph>[2] = {}): Paragraph {
  return paragraph(text.dir, runsOf(text.c, text.dir, look), { size: look.size, ...options });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule } as const;
const NO_LINE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;

/** The PDF's thin horizontal rule between parts of the minutes. */
export function rule(dir: Direction, spacing = { before: 120, after: 120 }): Paragraph {
  return paragraph(dir, [], { border: { bottom: { ...LINE, size: 6, space: 1 } }, spacing });
}

/**
 * An empty paragraph of no height, to end a header or footer whose content is a table: Word's own
 * headers and footers always end with a paragraph, and some versions repair a file whose do not.
 */
export function closingParagraph(): Paragraph {
  // Single spacing of its 1 pt mark, with the rule written out: LibreOffice reads a `w:line` without one as exact (12 pt here).
  return new Paragraph({ spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, run: { size: 2, sizeComplexScript: 2 } });
}

const SIDES = ['top', 'bottom', 'left', 'right'] as const;

export interface CellOptions {
  fill?: string;
  span?: number;
  /** A frame of this colour around the cell. */
  frame?: string;
}

export function cell(children: (Paragraph | Table)[], options: CellOptions = {}): TableCell {
  return new TableCell({
    // Word refuses a cell without a paragraph.
    children: children.length > 0 ? children : [new Paragraph({})],
    ...(options.span && options.span > 1 && { columnSpan: options.span }),
    ...(options.fill && { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } }),
    ...(options.frame && { borders: Object.fromEntries(SIDES.map((side) => [side, { style: BorderStyle.SINGLE, size: 8, color: options.frame }])) }),
  });
}

/**
 * A table across the text width, columns in proportion to `weights`. In a right-to-left document
 * the columns run from the right (`w:bidiVisual`), as the PDF's do. `header` rows repeat on every
 * page the table spans.
 */
export function table(dir: Direction, weights: number[], rows: { cells: TableCell[]; header?: boolean }[], options: { lines?: boolean } = {}): Table {
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const line = options.lines === false ? NO_LINE : LINE;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    ...(dir === 'rtl' && { visuallyRightToLeft: true }),
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    rows: rows.map(
      (row) =>
        new TableRow({
          children: row.cells,
          ...(row.header && { tableHeader: true, cantSplit: true }),
        }),
    ),
  });
}
