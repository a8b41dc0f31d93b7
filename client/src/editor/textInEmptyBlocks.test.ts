// @vitest-environment happy-dom
import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { initialMinutesUpdate } from '../../../server/src/minutes/initialState.js';
import { minutesTemplate } from '../../../server/src/minutes/template.js';
import { emptyTextblocks } from '../../../shared/editor/emptyTextblocks.js';
import { minutesSchema } from '../../../shared/editor/schema.js';
import { Network, Peer, pressKey, setSelection, typeChar } from './coEditing.testing.js';

/**
 * Issue 8's "doubled character": two people start typing into the same empty line at once; each
 * would create the line's Yjs text, and y-prosemirror merges two texts by copying one into the
 * other on both sides. Every empty line holds a text from the start instead.
 */

let peers: Peer[] = [];
afterEach(() => {
  for (const peer of peers) peer.destroy();
  peers = [];
});

function start(initial: Uint8Array, count: number): { peers: Peer[]; network: Network } {
  peers = Array.from({ length: count }, (_, i) => new Peer(i, initial, 1000 + i));
  const network = new Network(peers, initial);
  // Opened: whatever the editors wrote while opening has reached the others.
  network.deliverAll();
  return { peers, network };
}

/** The n-th textblock's start. */
function textblockStart(peer: Peer, n: number): number {
  const starts: number[] = [];
  peer.editor.state.doc.descendants((node, pos) => {
    if (node.isTextblock) starts.push(pos + 1);
    return !node.isTextblock;
  });
  return starts[n]!;
}

/**
 * a and b type their first character into the same line before either has the other's; each
 * types one more once the other's first character arrived (and nothing after it).
 */
function typeTogether(network: Network, a: Peer, b: Peer, line: number): void {
  setSelection(a.editor, line);
  setSelection(b.editor, line);
  typeChar(a.editor, 'a');
  typeChar(b.editor, 'b');
  network.deliver({ peer: a.index, direction: 'up' });
  network.deliver({ peer: b.index, direction: 'up' });
  network.receive(a);
  network.receive(b);
  typeChar(a.editor, 'A');
  typeChar(b.editor, 'B');
  network.deliverAll();
}

const sorted = (text: string) => [...text].sort().join('');

describe('two people typing into the same empty line at once', () => {
  it('of new minutes: nothing is doubled', () => {
    const { peers: [a, b], network } = start(initialMinutesUpdate(minutesTemplate({ language: 'en', digits: 'western', carriedOver: [] })), 2);
    const discussion = 7; // the empty line under "Discussion"
    expect(a!.editor.state.doc.child(discussion - 1).textContent).toBe('Discussion');
    const line = textblockStart(a!, 6); // its 7th textblock (the attendance block is none)
    typeTogether(network, a!, b!, line);
    expect(a!.editor.state.doc.child(discussion).textContent).toBe(b!.editor.state.doc.child(discussion).textContent);
    expect(sorted(a!.editor.state.doc.child(discussion).textContent)).toBe('ABab');
  });

  it('that someone has just made with Enter: nothing is doubled', () => {
    const { peers: [a, b, c], network } = start(initialMinutesUpdate({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Point' }] }] }), 3);
    setSelection(c!.editor, 6);
    pressKey(c!.editor, 'Enter');
    network.deliverAll();
    typeTogether(network, a!, b!, textblockStart(a!, 1));
    expect(sorted(c!.editor.state.doc.child(1).textContent)).toBe('ABab');
  });

  it('of minutes written before empty lines held a text: nothing is doubled', () => {
    const old = new Y.Doc();
    const json: JSONContent = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Intro' }] }, { type: 'paragraph' }] };
    const fragment = old.getXmlFragment('default');
    prosemirrorJSONToYXmlFragment(minutesSchema(), json, fragment);
    expect(emptyTextblocks(fragment, minutesSchema())).toHaveLength(1);
    const { peers: [a, b], network } = start(Y.encodeStateAsUpdate(old), 2);
    // Opening them gives the empty line its text (each editor does; both texts are empty).
    network.deliverAll();
    typeTogether(network, a!, b!, textblockStart(a!, 1));
    expect(sorted(a!.editor.state.doc.child(1).textContent)).toBe('ABab');
  });
});

describe('new minutes', () => {
  it('are stored with a text in every empty line', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initialMinutesUpdate(minutesTemplate({ language: 'both', digits: 'western', carriedOver: [] })));
    expect(emptyTextblocks(doc.getXmlFragment('default'), minutesSchema())).toEqual([]);
  });
});
