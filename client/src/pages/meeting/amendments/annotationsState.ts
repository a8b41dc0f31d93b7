import type { MeetingAccess } from '../../../../../shared/api/meetings.js';
import type { MeetingStatus } from '../../../../../shared/domain.js';
import type { AmendmentDto, CommentDto } from './types.js';

/** Amendments and comments of a meeting as the page holds them. */
export interface Annotations {
  amendments: AmendmentDto[];
  comments: CommentDto[];
}

export const EMPTY: Annotations = { amendments: [], comments: [] };

/**
 * One amendment or comment, from a REST answer or a live event, put in its place (by id).
 * A copy with a later decision or a changed quote replaces the one held; the list is read
 * again after every reconnection, so an event lost while offline is not missed.
 */
export function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((x) => x.id === item.id);
  if (index < 0) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

/** A live event: changed amendments replace theirs by id (new ones are added). */
export function withAmendments(state: Annotations, changed: readonly AmendmentDto[]): Annotations {
  return { ...state, amendments: changed.reduce<AmendmentDto[]>(upsert, state.amendments) };
}

/** A live event: changed comments replace theirs by id, removed ones go. */
export function withComments(state: Annotations, changed: readonly CommentDto[], removed: readonly string[] = []): Annotations {
  const gone = new Set(removed);
  return { ...state, comments: changed.reduce<CommentDto[]>(upsert, state.comments).filter((c) => !gone.has(c.id)) };
}

export function openCount(amendments: readonly AmendmentDto[]): number {
  return amendments.filter((a) => a.status === 'open').length;
}

export interface Thread {
  root: CommentDto;
  replies: CommentDto[];
}

/** Root comments with their replies in order; a reply whose root is unknown is shown as a root. */
export function threads(comments: readonly CommentDto[]): Thread[] {
  const ids = new Set(comments.map((c) => c.id));
  const byCreation = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const roots = byCreation.filter((c) => !c.parentId || !ids.has(c.parentId));
  return roots.map((root) => ({ root, replies: byCreation.filter((c) => c.parentId === root.id) }));
}

export type MarginEntry = { kind: 'amendment'; item: AmendmentDto; pos: number | null } | { kind: 'thread'; item: Thread; pos: number | null };

/**
 * What the margin lists, in document order: by where each anchor now resolves in the text
 * (`positions`: id → start, absent when it resolves nowhere), then unanchored ones (meeting-level
 * comments, amendments whose words are gone) by time. Decided amendments come after open ones at
 * the same place.
 */
export function marginEntries(annotations: Annotations, positions: ReadonlyMap<string, number>): MarginEntry[] {
  const entries: MarginEntry[] = [
    ...annotations.amendments.map((item) => ({ kind: 'amendment' as const, item, pos: positions.get(item.id) ?? null })),
    ...threads(annotations.comments).map((item) => ({ kind: 'thread' as const, item, pos: item.root.anchor ? (positions.get(item.root.id) ?? null) : null })),
  ];
  const created = (e: MarginEntry) => (e.kind === 'amendment' ? e.item.createdAt : e.item.root.createdAt);
  const rank = (e: MarginEntry) => (e.kind === 'amendment' && e.item.status !== 'open' ? 1 : 0);
  return entries.sort((a, b) => {
    if (a.pos !== null && b.pos !== null && a.pos !== b.pos) return a.pos - b.pos;
    if ((a.pos === null) !== (b.pos === null)) return a.pos === null ? 1 : -1;
    return rank(a) - rank(b) || created(a).localeCompare(created(b));
  });
}

/** Who may propose an amendment: delegates and secretaries, before approval. */
export function canPropose(access: MeetingAccess, status: MeetingStatus): boolean {
  return access !== 'read' && (status === 'draft' || status === 'circulated');
}

/** The decisions the caller may take on an amendment. */
export function amendmentActions(amendment: AmendmentDto, access: MeetingAccess, userId: string): { decide: boolean; withdraw: boolean } {
  const open = amendment.status === 'open';
  return { decide: open && access === 'manage', withdraw: open && amendment.author.id === userId };
}

/** Characters left of a comment's allowance (negative when over it), counted as the server's schema counts (UTF-16 units). */
export function charactersLeft(text: string, max: number): number {
  return max - text.length;
}
