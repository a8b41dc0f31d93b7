import type { JSONContent } from '@tiptap/core';
import { relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { initialMinutesUpdate } from '../../../server/src/minutes/initialState.js';
import { seededClientIds, type Random } from '../../../shared/testing/seeds.js';
import {
  Network,
  Peer,
  findWritten,
  type Link,
  pressKey,
  randomCaret,
  setSelection,
  textblocks,
  typeChar,
  type Typed,
} from './coEditing.testing.js';
import { caretBefore, checkCaretStayed, checkConverged, checkEditorMatchesDoc, checkNothingDoubled, checkTypingLanded } from './coEditingInvariants.testing.js';

export interface CoEditingOptions {
  start: JSONContent;
  peers: number;
  steps: number;
}

/** Unique characters (CJK ideographs, one code unit each): the n-th typed is found by value. */
const FIRST_CHAR = 0x4e00;

type Operation = (peer: Peer, random: Random) => void;

/**
 * Runs `steps` random steps: a peer acts (types, presses Enter, Backspace at a block start,
 * deletes a range, toggles a list or heading, inserts an action item, pastes, undoes, moves its
 * caret) or the network delivers some updates. Checks the invariants after every step and at
 * the end, once everything is delivered. A failure names the step; the caller adds the seed.
 */
export function runCoEditing(random: Random, { start, peers: count, steps }: CoEditingOptions): void {
  // As the server writes new minutes.
  const initial = initialMinutesUpdate(start);
  const peers = seededClientIds(random, count).map((id, i) => new Peer(i, initial, id));
  const network = new Network(peers, initial);
  const typed = new Map<string, Typed>();
  let next = FIRST_CHAR;
  const log: string[] = [];

  const typeRun = (peer: Peer, length: number) => {
    for (let i = 0; i < length; i++) {
      const char = String.fromCharCode(next++);
      const since = Y.getState(peer.doc.store, peer.doc.clientID);
      const seen = Y.decodeStateVector(Y.encodeStateVector(peer.doc));
      typeChar(peer.editor, char);
      const id = findWritten(peer.doc, char, since);
      if (!id) throw new Error(`peer ${peer.index} typed ${JSON.stringify(char)} but it is not in its Y.Doc`);
      const entry: Typed = { char, peer: peer.index, id, previous: peer.lastTyped, seen };
      typed.set(char, entry);
      peer.lastTyped = entry;
    }
  };

  const operations: [number, string, Operation][] = [
    [30, 'type', (peer, r) => typeRun(peer, r.int(1, 4))],
    [8, 'move caret', (peer, r) => setSelection(peer.editor, randomCaret(r, peer.editor.state.doc))],
    [6, 'click an empty block', (peer, r) => setSelection(peer.editor, randomCaret(r, peer.editor.state.doc, true))],
    [
      6,
      'go to where another is',
      (peer, r) => {
        const other = r.pick(peers.filter((p) => p !== peer));
        const there = relativePositionToAbsolutePosition(peer.doc, peer.fragment, other.relativePosition(other.editor.state.selection.head), peer.binding.mapping);
        if (there !== null) setSelection(peer.editor, there);
      },
    ],
    [12, 'Enter', (peer) => pressKey(peer.editor, 'Enter')],
    [
      5,
      'Backspace at a block start',
      (peer, r) => {
        const blocks = textblocks(peer.editor.state.doc);
        setSelection(peer.editor, r.pick(blocks.slice(1).length ? blocks.slice(1) : blocks).start);
        pressKey(peer.editor, 'Backspace');
      },
    ],
    [
      5,
      'delete a range',
      (peer, r) => {
        const { doc } = peer.editor.state;
        const a = randomCaret(r, doc);
        const b = r.chance(0.5) ? randomCaret(r, doc) : Math.min(a + r.int(1, 6), doc.content.size);
        setSelection(peer.editor, a, b);
        if (!peer.editor.state.selection.empty) pressKey(peer.editor, 'Backspace');
      },
    ],
    [4, 'toggle a list', (peer, r) => void (r.chance(0.5) ? peer.editor.commands.toggleBulletList() : peer.editor.commands.toggleOrderedList())],
    [3, 'insert an action item', (peer) => void peer.editor.commands.insertActionItem()],
    [2, 'toggle a heading', (peer) => void peer.editor.commands.toggleHeading({ level: 2 })],
    [
      2,
      'paste',
      (peer) => {
        const a = String.fromCharCode(next++);
        const b = String.fromCharCode(next++);
        peer.editor.view.pasteHTML(`<p>${a}</p><p>${b}</p>`);
        for (const char of [a, b]) {
          const id = findWritten(peer.doc, char, 0);
          if (id) typed.set(char, { char, peer: peer.index, id, previous: null, seen: new Map() });
        }
      },
    ],
    [2, 'undo', (peer) => void peer.editor.commands.undo()],
  ];
  const total = operations.reduce((sum, [weight]) => sum + weight, 0);

  // FUZZ_TRACE=1 prints every step with the document of the peer it touched.
  const trace = process.env.FUZZ_TRACE ? (step: string, peer: Peer) => console.log(`${step}\n  ${peer.editor.state.doc.toString()} ${JSON.stringify(peer.editor.state.selection.toJSON())}`) : () => {};

  const act = (peer: Peer) => {
    let roll = random.int(1, total);
    const [, name, operation] = operations.find(([weight]) => (roll -= weight) <= 0)!;
    log.push(`peer ${peer.index}: ${name}`);
    if (name !== 'type') peer.lastTyped = null;
    operation(peer, random);
    peer.endUndoStep();
    trace(`peer ${peer.index}: ${name}`, peer);
    if (name !== 'type') peer.lastTyped = null;
  };

  const deliver = (link: Link) => {
    if (link.direction === 'up') {
      log.push(`peer ${link.peer} → server`);
      network.deliver(link);
      return;
    }
    log.push(`server → peer ${link.peer}`);
    const peer = peers[link.peer]!;
    const before = caretBefore(peer);
    network.deliver(link);
    trace(`server → peer ${link.peer}`, peer);
    checkCaretStayed(peer, before);
  };

  try {
    for (let step = 0; step < steps; step++) {
      const links = network.busyLinks();
      if (links.length > 0 && random.chance(0.45)) {
        for (let n = random.int(1, 3); n > 0; n--) {
          const busy = network.busyLinks();
          if (busy.length === 0) break;
          deliver(random.pick(busy));
        }
      } else {
        act(random.pick(peers));
      }
      checkNothingDoubled(peers, typed);
      for (const peer of peers) checkEditorMatchesDoc(peer);
    }
    for (let links = network.busyLinks(); links.length > 0; links = network.busyLinks()) {
      for (const link of links) deliver(link);
    }
    checkConverged(peers);
    for (const peer of peers) checkEditorMatchesDoc(peer);
    checkTypingLanded(peers[0]!, typed);
  } catch (error) {
    if (error instanceof Error) error.message = `${error.message}\nlast steps:\n  ${log.slice(-12).join('\n  ')}`;
    throw error;
  } finally {
    for (const peer of peers) peer.destroy();
  }
}
