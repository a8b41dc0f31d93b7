import type { JSONContent } from '@tiptap/core';
import {
  MINUTES_MARK_TYPES,
  MINUTES_NODE_TYPES,
  type MinutesMarkType,
  type MinutesNodeType,
} from '../../../../shared/editor/schema.js';
import { isActionItemStatus, type ActionItemStatus } from '../../../../shared/editor/nodes/actionItem.js';
import type { PdfLabels } from './labels.js';
import { resolveDirection, type Direction } from './textDirection.js';
import { textRuns, type RunStyle, type TypstInline } from './textRuns.js';

/** User text with the direction of the paragraph it forms. */
export interface RichText {
  dir: Direction;
  c: TypstInline[];
}

export interface ActionRow {
  task: RichText;
  owner: RichText;
  due: RichText;
  status: string;
  statusKey: ActionItemStatus;
}

/** Blocks as the Typst template lays them out (see `render-blocks` in minutes.typ). */
export type TypstBlock =
  | { t: 'par'; dir: Direction; c: TypstInline[] }
  | { t: 'heading'; level: number; dir: Direction; c: TypstInline[] }
  | { t: 'list'; ordered: boolean; start: number; dir: Direction; items: TypstBlock[][] }
  | { t: 'actions'; dir: Direction; rows: ActionRow[] }
  /** The meeting's delegations and attendees (from its details: `attendance` of the data). */
  | { t: 'attendance' };

/** What a node maps to before its parent places it: list items and action rows need a container. */
type Mapped = TypstBlock | TypstInline | { t: 'item'; blocks: TypstBlock[] } | { t: 'actionRow'; row: ActionRow };

export interface MapContext {
  /** Direction of the enclosing block, for `dir="auto"` blocks without a strong character. */
  dir: Direction;
  /** Direction of the labels; tables follow it so their columns match the header. */
  labelDir: Direction;
  labels: PdfLabels;
  /** A due date as the labels' language writes it, with the group's digits. */
  formatDue: (due: string) => string;
}

type NodeMapper = (node: JSONContent, ctx: MapContext) => Mapped[];

/**
 * One rendering per node type of the shared schema. `satisfies Record<MinutesNodeType, …>` makes
 * a node type added to the schema fail the type check until the PDF export handles it.
 */
export const nodeMappers = {
  doc: (node, ctx) => mapBlocks(node.content, ctx),
  paragraph: (node, ctx) => [{ t: 'par', dir: blockDirection(node, ctx), c: mapInlines(node.content, ctx) }],
  heading: (node, ctx) => [
    { t: 'heading', level: clampInt(node.attrs?.level, 1, 6, 1), dir: blockDirection(node, ctx), c: mapInlines(node.content, ctx) },
  ],
  text: (node) => textRuns(node.text ?? '', markStyle(node.marks)),
  hardBreak: () => [{ t: 'br' }],
  bulletList: (node, ctx) => [mapList(node, ctx, false)],
  orderedList: (node, ctx) => [mapList(node, ctx, true)],
  listItem: (node, ctx) => [{ t: 'item', blocks: mapBlocks(node.content, { ...ctx, dir: blockDirection(node, ctx) }) }],
  actionItem: (node, ctx) => [{ t: 'actionRow', row: actionRow(node, ctx) }],
  attendance: () => [{ t: 'attendance' }],
} satisfies Record<MinutesNodeType, NodeMapper>;

/** One style flag per mark type of the shared schema; same exhaustiveness as `nodeMappers`. */
export const markStyles = {
  bold: { b: true },
  italic: { i: true },
  underline: { u: true },
} satisfies Record<MinutesMarkType, RunStyle>;

function isNodeType(type: string): type is MinutesNodeType {
  return (MINUTES_NODE_TYPES as readonly string[]).includes(type);
}

function isMarkType(type: string): type is MinutesMarkType {
  return (MINUTES_MARK_TYPES as readonly string[]).includes(type);
}

function mapNode(node: JSONContent, ctx: MapContext): Mapped[] {
  const type = node.type ?? '';
  if (isNodeType(type)) return nodeMappers[type](node, ctx);
  // A node type this server does not know (a newer client's document) still prints its text.
  if (typeof node.text === 'string') return textRuns(node.text);
  return mapBlocks(node.content, ctx);
}

function isInline(m: Mapped): m is TypstInline {
  return m.t === 'text' || m.t === 'br' || m.t === 'wbr' || m.t === 'pbr';
}

/** Block content: consecutive action items become one table; stray inline content a paragraph. */
export function mapBlocks(content: JSONContent[] | undefined, ctx: MapContext): TypstBlock[] {
  const blocks: TypstBlock[] = [];
  let strayInline: TypstInline[] | undefined;
  for (const child of content ?? []) {
    for (const m of mapNode(child, ctx)) {
      if (isInline(m)) {
        if (!strayInline) blocks.push({ t: 'par', dir: resolveDirection(undefined, plainText(child), ctx.dir), c: (strayInline = []) });
        strayInline.push(m);
        continue;
      }
      strayInline = undefined;
      const last = blocks.at(-1);
      if (m.t === 'actionRow') {
        if (last?.t === 'actions') last.rows.push(m.row);
        else blocks.push({ t: 'actions', dir: ctx.labelDir, rows: [m.row] });
      } else if (m.t === 'item') {
        blocks.push(...m.blocks);
      } else {
        blocks.push(m);
      }
    }
  }
  return blocks;
}

/** Inline content; a block where inline content belongs (malformed JSON) keeps its text. */
function mapInlines(content: JSONContent[] | undefined, ctx: MapContext): TypstInline[] {
  return (content ?? []).flatMap((child) => {
    const mapped = mapNode(child, ctx);
    return mapped.every(isInline) ? mapped : textRuns(plainText(child));
  });
}

function mapList(node: JSONContent, ctx: MapContext, ordered: boolean): TypstBlock {
  const dir = blockDirection(node, ctx);
  const itemCtx = { ...ctx, dir };
  const items = (node.content ?? []).map((child) =>
    child.type === 'listItem' ? mapBlocks(child.content, { ...itemCtx, dir: blockDirection(child, itemCtx) }) : mapBlocks([child], itemCtx),
  );
  return { t: 'list', ordered, start: ordered ? clampInt(node.attrs?.start, 0, 1_000_000, 1) : 1, dir, items };
}

function actionRow(node: JSONContent, ctx: MapContext): ActionRow {
  const attrs = node.attrs ?? {};
  const status: ActionItemStatus = isActionItemStatus(attrs.status) ? attrs.status : 'open';
  const owner = typeof attrs.owner === 'string' ? attrs.owner.trim() : '';
  const due = typeof attrs.due === 'string' ? attrs.due.trim() : '';
  const labelCell = (text: string): RichText => ({ dir: ctx.labelDir, c: textRuns(text) });
  return {
    task: { dir: blockDirection(node, ctx), c: mapInlines(node.content, ctx) },
    owner: owner ? richText(owner, ctx.labelDir) : labelCell(ctx.labels.none),
    due: labelCell(due ? ctx.formatDue(due) : ctx.labels.none),
    status: ctx.labels.statuses[status],
    statusKey: status,
  };
}

function markStyle(marks: JSONContent['marks']): RunStyle {
  const style: RunStyle = {};
  for (const mark of marks ?? []) {
    if (isMarkType(mark.type)) Object.assign(style, markStyles[mark.type]);
  }
  return style;
}

function blockDirection(node: JSONContent, ctx: MapContext): Direction {
  return resolveDirection(node.attrs?.dir, plainText(node), ctx.dir);
}

/** A single user string (name, place, owner) as a paragraph in its own direction. */
export function richText(text: string, parent: Direction): RichText {
  return { dir: resolveDirection(undefined, text, parent), c: textRuns(text) };
}

/** Text of a node and its descendants, for direction detection. */
export function plainText(node: JSONContent): string {
  if (typeof node.text === 'string') return node.text;
  return (node.content ?? []).map(plainText).join('');
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : fallback;
}
