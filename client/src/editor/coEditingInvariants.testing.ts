import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { relativePositionToAbsolutePosition, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { isAlive, type Peer, type Typed } from './coEditing.testing.js';

/**
 * The invariants of the randomized co-editing test. Written from what a person sees, with Yjs
 * identities as the ground truth of "the same block" and "the same character" (so that they
 * do not reuse the code under test).
 */

export class InvariantError extends Error {}

function fail(message: string): never {
  throw new InvariantError(message);
}

/** Where a peer's caret is, in Yjs terms, before an update reaches it. */
export interface CaretBefore {
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
  block: Y.XmlElement;
  description: string;
}

function describe(doc: PMNode, pos: number): string {
  const $pos = doc.resolve(pos);
  return `${pos} (offset ${$pos.parentOffset} of ${$pos.parent.type.name} ${JSON.stringify($pos.parent.textContent)})`;
}

export function caretBefore(peer: Peer): CaretBefore | null {
  const { selection, doc } = peer.editor.state;
  if (!(selection instanceof TextSelection) || !selection.$anchor.parent.isTextblock) return null;
  const block = peer.textblockElement(selection.anchor);
  if (!block) fail(`peer ${peer.index}: its caret's block has no Yjs element`);
  return { anchor: peer.relativePosition(selection.anchor), head: peer.relativePosition(selection.head), block, description: describe(doc, selection.anchor) };
}

function hangsOnLiveContent(doc: Y.Doc, rel: Y.RelativePosition): boolean {
  const id = rel.item ?? rel.type;
  return id === null || isAlive(doc, id);
}

/**
 * After a remote update: a caret whose block and neighbouring character still exist is still
 * in that block, exactly where Yjs puts it.
 */
export function checkCaretStayed(peer: Peer, before: CaretBefore | null): void {
  if (!before) return;
  const { doc } = peer;
  if (!before.block._item || before.block._item.deleted) return;
  if (!hangsOnLiveContent(doc, before.anchor) || !hangsOnLiveContent(doc, before.head)) return;
  const { selection, doc: pmDoc } = peer.editor.state;
  const now = describe(pmDoc, selection.anchor);
  const block = peer.textblockElement(selection.anchor);
  if (block !== before.block) fail(`peer ${peer.index}: its caret left its block after a remote change: was ${before.description}, now ${now}`);
  const expected = relativePositionToAbsolutePosition(doc, peer.fragment, before.anchor, peer.binding.mapping);
  if (selection.anchor !== expected) fail(`peer ${peer.index}: caret moved inside its block: was ${before.description}, now ${now}, expected ${expected}`);
  const expectedHead = relativePositionToAbsolutePosition(doc, peer.fragment, before.head, peer.binding.mapping);
  if (selection.head !== expectedHead) fail(`peer ${peer.index}: selection head at ${selection.head}, expected ${expectedHead}`);
}

function charCounts(doc: PMNode): Map<string, number> {
  const counts = new Map<string, number>();
  for (const char of doc.textBetween(0, doc.content.size, '\n', '\n')) counts.set(char, (counts.get(char) ?? 0) + 1);
  return counts;
}

/**
 * A typed character whose own Yjs item is alive is shown exactly once, in every editor.
 * (Once someone deleted its item, copies may exist: y-prosemirror changes a block's type, wraps
 * it in a list or joins it by deleting it and writing a copy of its text, so concurrent
 * restructurings of the same block, or an undo of one, each leave a copy.)
 */
export function checkNothingDoubled(peers: Peer[], typed: Map<string, Typed>): void {
  for (const peer of peers) {
    const counts = charCounts(peer.editor.state.doc);
    for (const entry of typed.values()) {
      const count = counts.get(entry.char) ?? 0;
      if (count !== 1 && isAlive(peer.doc, entry.id)) fail(`peer ${peer.index}: ${JSON.stringify(entry.char)} (typed by peer ${entry.peer}, not deleted) appears ${count} times`);
    }
  }
}

/** The editor shows exactly what its Y.Doc holds. */
export function checkEditorMatchesDoc(peer: Peer): void {
  const fromYjs = yXmlFragmentToProseMirrorRootNode(peer.fragment, peer.editor.schema);
  if (!fromYjs.eq(peer.editor.state.doc)) {
    const shown = peer.editor.state.doc;
    let i = 0;
    while (i < Math.min(shown.childCount, fromYjs.childCount) && shown.child(i).eq(fromYjs.child(i))) i++;
    const at = (doc: PMNode) => (i < doc.childCount ? JSON.stringify(doc.child(i).toJSON()) : 'nothing');
    fail(`peer ${peer.index}: block ${i} of the editor is ${at(shown)} but its Y.Doc holds ${at(fromYjs)}`);
  }
}

export function checkConverged(peers: Peer[]): void {
  const first = peers[0]!;
  const json = JSON.stringify(first.editor.getJSON());
  for (const peer of peers.slice(1)) {
    const other = JSON.stringify(peer.editor.getJSON());
    if (other !== json) fail(`editors diverged:\npeer 0: ${json}\npeer ${peer.index}: ${other}`);
    if (!Y.equalSnapshots(Y.snapshot(first.doc), Y.snapshot(peer.doc))) fail(`Y.Docs of peers 0 and ${peer.index} diverged`);
  }
}

/** Live characters of each Yjs text, in order, with their ids. */
function liveChars(fragment: Y.XmlFragment): Map<string, { text: Y.XmlText; index: number; chars: { char: string; id: Y.ID }[] }> {
  const where = new Map<string, { text: Y.XmlText; index: number; chars: { char: string; id: Y.ID }[] }>();
  const visit = (type: Y.XmlFragment | Y.XmlElement) => {
    for (let item = type._start; item; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentType) {
        const child = item.content.type;
        if (child instanceof Y.XmlText) {
          const chars: { char: string; id: Y.ID }[] = [];
          for (let c = child._start; c; c = c.right) {
            if (c.deleted || !(c.content instanceof Y.ContentString)) continue;
            const str = c.content.str;
            for (let i = 0; i < str.length; i++) chars.push({ char: str[i]!, id: Y.createID(c.id.client, c.id.clock + i) });
          }
          chars.forEach((entry, index) => where.set(entry.char, { text: child, index, chars }));
        } else if (child instanceof Y.XmlElement) visit(child);
      }
    }
  };
  visit(fragment);
  return where;
}

/**
 * At the end: each typed character whose item survived is there exactly once, right after what
 * its peer typed just before it (if that survived too), with nothing in between but what the
 * peer had not seen when it typed: characters typed at the same place at the same time (they
 * interleave) or later.
 */
export function checkTypingLanded(peer: Peer, typed: Map<string, Typed>): void {
  const counts = charCounts(peer.editor.state.doc);
  const where = liveChars(peer.fragment);
  for (const entry of typed.values()) {
    if (!isAlive(peer.doc, entry.id)) continue;
    if (counts.get(entry.char) !== 1) fail(`${JSON.stringify(entry.char)} typed by peer ${entry.peer} appears ${counts.get(entry.char) ?? 0} times`);
    const previous = entry.previous;
    if (!previous || !isAlive(peer.doc, previous.id)) continue;
    const at = where.get(entry.char);
    const prevAt = where.get(previous.char);
    if (!at || !prevAt) fail(`${JSON.stringify(entry.char)} is not where its item is`);
    const context = JSON.stringify(at.chars.map((c) => c.char).join(''));
    if (at.text !== prevAt.text || at.index <= prevAt.index) {
      fail(`peer ${entry.peer} typed ${JSON.stringify(previous.char)} then ${JSON.stringify(entry.char)}, but they landed apart (${context} / ${JSON.stringify(prevAt.chars.map((c) => c.char).join(''))})`);
    }
    for (let i = prevAt.index + 1; i < at.index; i++) {
      const between = at.chars[i]!;
      const known = entry.seen.get(between.id.client) ?? 0;
      if (between.id.clock < known) {
        fail(`peer ${entry.peer} typed ${JSON.stringify(previous.char)} then ${JSON.stringify(entry.char)}, but ${JSON.stringify(between.char)}, which it had already seen, landed between them (${context})`);
      }
    }
  }
}
