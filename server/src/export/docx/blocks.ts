import { HeadingLevel, LevelFormat, type FileChild, type ILevelsOptions, type NumberingDefinition, type Paragraph } from 'docx';
import type { TypstBlock } from '../pdf/docToBlocks.js';
import type { TypstInline } from '../pdf/textRuns.js';
import type { PdfLabels } from '../pdf/labels.js';
import { LATIN_FONT } from './fonts.js';
import { cell, COLORS, paragraph, richParagraph, table } from './layout.js';
import { BODY_SIZE, labelRuns, runsOf } from './runs.js';

export interface BlockContext {
  labels: PdfLabels;
  /** Nesting of the list being written: 0 outside any list. */
  depth: number;
  /** A fresh list instance: each list numbers from its own start. */
  nextList(): number;
  /** The attendance table from the meeting's details, where the minutes' attendance block stands. */
  attendance(): FileChild[];
}

type BlockOf<K extends TypstBlock['t']> = Extract<TypstBlock, { t: K }>;
type BlockWriter<K extends TypstBlock['t']> = (block: BlockOf<K>, ctx: BlockContext) => FileChild[];

/** Word has nine list levels; deeper lists (the schema allows 15) stay at the ninth. */
const MAX_LEVEL = 8;
/** Indent of each list level, and the room for its marker (twentieths of a point). */
const LIST_INDENT = 360;
const MARKER_ROOM = 300;
/** The PDF's markers (minutes.typ's `bullets`), all in Noto Sans. */
const BULLETS = ['•', '‣', '–'] as const;

/** Heading sizes (half-points) and spacing (twentieths of a point) of minutes.typ's `heading-styles`. */
export const HEADINGS = [
  { size: 45, before: 400, after: 216 },
  { size: 33, before: 343, after: 185 },
  { size: 25, before: 286, after: 154 },
  { size: 23, before: 286, after: 154 },
  { size: BODY_SIZE, before: 286, after: 154 },
  { size: BODY_SIZE, before: 286, after: 154 },
] as const;

const HEADING_LEVELS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

function levels(marker: (level: number) => Pick<ILevelsOptions, 'format' | 'text'>, start = 1): ILevelsOptions[] {
  return Array.from({ length: MAX_LEVEL + 1 }, (_, level) => ({
    level,
    ...marker(level),
    start: level === 0 ? start : 1,
    style: {
      // In every script slot: a right-to-left item's marker would otherwise be looked up in the Arabic font.
      run: { font: LATIN_FONT },
      // `left` is the start side in a right-to-left paragraph, in Word as in LibreOffice.
      paragraph: { indent: { left: LIST_INDENT * (level + 1) + MARKER_ROOM, hanging: MARKER_ROOM } },
    },
  }));
}

/** The bullet list, and a numbered list per starting number (Word keeps the start in the definition). */
export const BULLET_LIST: NumberingDefinition = {
  reference: 'bullet',
  levels: levels((level) => ({ format: LevelFormat.BULLET, text: BULLETS[level % BULLETS.length] })),
};

function orderedList(start: number): NumberingDefinition {
  return { reference: `ordered-${start}`, levels: levels((level) => ({ format: LevelFormat.DECIMAL, text: `%${level + 1}.` }), start) };
}

function textParagraph(block: BlockOf<'par'>, extra: Parameters<typeof paragraph>[2] = {}): Paragraph {
  return paragraph(block.dir, runsOf(block.c, block.dir), extra);
}

/** The blocks of one list item: the first paragraph carries the marker, the rest are indented under it. */
function listItem(blocks: TypstBlock[], list: BlockOf<'list'>, instance: number, ctx: BlockContext): FileChild[] {
  const level = Math.min(MAX_LEVEL, ctx.depth);
  const numbering = { reference: list.ordered ? orderedList(list.start) : BULLET_LIST, level, instance };
  const [first, ...rest] = blocks;
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const marked =
    first?.t === 'par' || first?.t === 'heading'
      ? paragraph(first.dir, runsOf(first.c, first.dir), { numbering })
      : paragraph(first && 'dir' in first ? first.dir : list.dir, [], { numbering });
  const after = first?.t === 'par' || first?.t === 'heading' ? rest : blocks;
  const indent = { left: LIST_INDENT * (level + 1) + MARKER_ROOM };
  return [
    marked,
    ...after.flatMap((b) => (b.t === 'par' ? [textParagraph(b, { indent })] : writeBlock(b, inner))),
  ];
}

/**
 * One writer per block type of the PDF's block model (docToBlocks.ts), which has one mapper per
 * node type of the schema: a node type added to the schema fails the type check in docToBlocks.ts,
 * and a block type added there fails it here, until the Word export writes it.
 */
export const blockWriters = {
  par: (block) => [textParagraph(block)],
  heading: (block) => {
    const level = Math.min(6, Math.max(1, block.level));
    // The size on the runs too, as every run carries one (runs.ts).
    const look = { size: HEADINGS[level - 1]?.size ?? BODY_SIZE, bold: true };
    return [paragraph(block.dir, runsOf(block.c, block.dir, look), { heading: HEADING_LEVELS[level - 1], keepNext: true, size: look.size })];
  },
  list: (block, ctx) => {
    const instance = ctx.nextList();
    return block.items.flatMap((item) => listItem(item, block, instance, ctx));
  },
  attendance: (_block, ctx) => ctx.attendance(),
  actions: (block, ctx) => {
    const { labels } = ctx;
    const head = (text: string) => cell([paragraph(block.dir, labelRuns(text, block.dir, { bold: true }))], { fill: COLORS.headerFill });
    return [
      table(block.dir, [40, 25, 19, 16], [
        { header: true, cells: [labels.task, labels.owner, labels.due, labels.status].map(head) },
        ...block.rows.map((row) => ({
          cells: [
            cell([richParagraph(row.task)]),
            cell([richParagraph(row.owner)]),
            cell([richParagraph(row.due)]),
            cell([paragraph(block.dir, labelRuns(row.status, block.dir))], { fill: STATUS_FILL[row.statusKey] }),
          ],
        })),
      ]),
      // Two tables in a row would be one in Word: a paragraph keeps them apart, as in the PDF.
      paragraph(block.dir, [], { spacing: { after: 0 } }),
    ];
  },
} satisfies { [K in TypstBlock['t']]: BlockWriter<K> };

/** The PDF's status colours (`status-fill` in minutes.typ). */
const STATUS_FILL: Record<BlockOf<'actions'>['rows'][number]['statusKey'], string> = {
  open: 'FFF4D6',
  in_progress: 'DCECFF',
  done: 'DDF3E4',
  cancelled: 'EBEBEB',
};

export function writeBlock(block: TypstBlock, ctx: BlockContext): FileChild[] {
  return (blockWriters[block.t] as BlockWriter<typeof block.t>)(block as never, ctx);
}

/** Whether any text of the blocks is italic (the only source of italics: the minutes' own marks). */
export function hasItalics(blocks: TypstBlock[]): boolean {
  const italic = (runs: TypstInline[]) => runs.some((r) => r.t === 'text' && r.i);
  return blocks.some((b) => {
    if (b.t === 'par' || b.t === 'heading') return italic(b.c);
    if (b.t === 'list') return b.items.some(hasItalics);
    if (b.t === 'attendance') return false;
    return b.rows.some((row) => italic(row.task.c) || italic(row.owner.c));
  });
}

export function writeBlocks(blocks: TypstBlock[], ctx: BlockContext): FileChild[] {
  return blocks.flatMap((b) => writeBlock(b, ctx));
}
