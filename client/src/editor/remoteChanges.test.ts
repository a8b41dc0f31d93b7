// @vitest-environment happy-dom
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { initialMinutesUpdate } from '../../../server/src/minutes/initialState.js';
import { Network, Peer, setSelection, typeChar } from './coEditing.testing.js';

/** A remote change is shown as it is: what plugins add to it is written to Yjs or waits. */

let peers: Peer[] = [];
afterEach(() => {
  for (const peer of peers) peer.destroy();
  peers = [];
});

const item = (id: string, text: string) => ({ type: 'actionItem', attrs: { id, owner: '', due: '', status: 'open' }, content: [{ type: 'text', text }] });

function start(json: object, count: number): { peers: Peer[]; network: Network } {
  const initial = initialMinutesUpdate(json);
  peers = Array.from({ length: count }, (_, i) => new Peer(i, initial, 1000 + i));
  const network = new Network(peers, initial);
  // Opened: whatever the editors wrote while opening has reached the others.
  network.deliverAll();
  return { peers, network };
}

const shown = (peer: Peer) => peer.editor.state.doc;
const stored = (peer: Peer) => yXmlFragmentToProseMirrorRootNode(peer.fragment, peer.editor.schema);

/** Changes `peer`'s Y.Doc directly, as an older client or the server would. */
function yjsEdit(peer: Peer, edit: (fragment: Y.XmlFragment) => void): void {
  peer.doc.transact(() => edit(peer.fragment), 'elsewhere');
}

describe('a remote change', () => {
  it('that brings two action items with one id: the fixed id is written to Yjs at once', () => {
    const { peers: [a, b], network } = start({ type: 'doc', content: [item('8f0c5e3a-3b8e-4c51-9a57-0b2f4f6a9d10', 'Draft'), { type: 'paragraph' }] }, 2);
    yjsEdit(b!, (fragment) => {
      const copy = (fragment.get(0) as Y.XmlElement).clone();
      fragment.insert(1, [copy]);
    });
    // Only that change reaches a (not b's own fix of it).
    network.deliver({ peer: 1, direction: 'up' });
    network.deliver({ peer: 0, direction: 'down' });
    const ids = (doc: ReturnType<typeof shown>) => [doc.child(0).attrs.id, doc.child(1).attrs.id];
    expect(new Set(ids(shown(a!))).size).toBe(2);
    expect(ids(stored(a!))).toEqual(ids(shown(a!)));
  });

  it('that leaves a list last: the editors show it as it is, and no one adds an empty line for it', () => {
    const { peers: [a, b, c], network } = start(
      { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'last' }] }] }] }, { type: 'paragraph' }] },
      3,
    );
    yjsEdit(b!, (fragment) => fragment.delete(1, 1));
    network.deliverAll();
    for (const peer of [a!, c!]) {
      expect(shown(peer).eq(stored(peer))).toBe(true);
      expect(shown(peer).childCount).toBe(1);
    }
    // The trailing line comes with one's own next edit.
    setSelection(a!.editor, 6);
    typeChar(a!.editor, '!');
    network.deliverAll();
    expect(shown(c!).childCount).toBe(2);
    expect(shown(c!).lastChild!.type.name).toBe('paragraph');
  });
});
