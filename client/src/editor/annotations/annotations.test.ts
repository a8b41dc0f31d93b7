// @vitest-environment happy-dom
import type { Node as PMNode } from '@tiptap/pm/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initialMinutesUpdate } from '../../../../server/src/minutes/initialState.js';
import { Network, Peer, setSelection, typeChar } from '../coEditing.testing.js';
import { decodeAnchor, encodeAnchor } from './anchors.js';
import { connectEditor } from './annotationsExtension.js';
import { annotationsKey, annotationsPlugin } from './annotationsPlugin.js';
import { AnnotationBridge, type AnnotationView } from './bridge.js';

/**
 * Issue 10: an amendment drawn on its words, from an anchor made of Yjs relative positions, on
 * real editors linked through a server Y.Doc. The others' typing before and inside the words,
 * and one's own, must not move the drawing off them.
 */

const ARABIC = 'تقرر عقد الاجتماع القادم في شهر مارس في الكويت.';
const ENGLISH = 'The next meeting will be held in March in London.';

let peers: Peer[] = [];
afterEach(() => {
  for (const peer of peers) peer.destroy();
  peers = [];
});

function start(paragraphs: string[]): { peers: Peer[]; network: Network; bridge: AnnotationBridge } {
  const initial = initialMinutesUpdate({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
  peers = [new Peer(0, initial, 1000), new Peer(1, initial, 1001)];
  const network = new Network(peers, initial);
  network.deliverAll();
  const bridge = new AnnotationBridge();
  // As the minutes editor does: the extension after the collaboration ones.
  peers[0]!.editor.registerPlugin(annotationsPlugin((starts) => bridge.setPositions(starts)));
  connectEditor(peers[0]!.editor, bridge);
  return { peers, network, bridge };
}

/** The range of `words` in the block that holds them. */
function find(doc: PMNode, words: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    const at = node.isTextblock ? node.textContent.indexOf(words) : -1;
    if (!found && at >= 0) found = { from: pos + 1 + at, to: pos + 1 + at + words.length };
    return !found;
  });
  if (!found) throw new Error(`no "${words}"`);
  return found;
}

/** The words an amendment's decorations strike through, and the proposed words beside them. */
function drawn(peer: Peer, id: string): { quote: string; widgets: number } {
  const state = annotationsKey.getState(peer.editor.state)!;
  const found = state.decorations.find().filter((d) => (d.spec as { key?: string }).key?.includes(id) || d.from < d.to);
  const inline = found.find((d) => d.from < d.to);
  return { quote: inline ? peer.editor.state.doc.textBetween(inline.from, inline.to) : '', widgets: found.filter((d) => d.from === d.to).length };
}

function typeAt(peer: Peer, pos: number, text: string): void {
  setSelection(peer.editor, pos);
  for (const char of text) typeChar(peer.editor, char);
}

function amendment(peer: Peer, words: string, proposed: string): AnnotationView {
  const { from, to } = find(peer.editor.state.doc, words);
  const binding = peer.binding;
  return { id: 'a1', kind: 'amendment', anchor: encodeAnchor(binding, from, to)!, tone: 1, label: 'United Kingdom', proposed };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('an amendment on its words', () => {
  it.each([
    ['Arabic text', ARABIC, 'مارس', 'أبريل'],
    ['English text', ENGLISH, 'March', 'أبريل'],
  ])('%s: struck through with the proposal beside it, while the other side types before and inside the words', async (_name, text, words, proposed) => {
    const { peers: [mine, other], network, bridge } = start([text]);
    // The anchor is made on the other editor (another browser), as a proposer would.
    const view = amendment(other!, words, proposed);
    bridge.setAnnotations([view]);
    expect(drawn(mine!, 'a1')).toEqual({ quote: words, widgets: 1 });
    const widget = mine!.editor.view.dom.querySelector('[data-amendment="a1"]');
    expect(widget?.textContent).toBe(`United Kingdom${proposed}`);
    expect(widget?.querySelector('ins')?.getAttribute('dir')).toBe('auto');

    // Before the words, and inside them, by someone else.
    typeAt(other!, find(other!.editor.state.doc, text.slice(0, 3)).from, 'XYZ ');
    const inside = find(other!.editor.state.doc, words).from + 2;
    typeAt(other!, inside, '--');
    network.deliverAll();
    const moved = `${words.slice(0, 2)}--${words.slice(2)}`;
    expect(drawn(mine!, 'a1').quote).toBe(moved);
    expect(bridge.getPositions().get('a1')).toBe(find(mine!.editor.state.doc, moved).from);

    // Someone deletes text before the words.
    const before = find(other!.editor.state.doc, 'XYZ ');
    other!.editor.view.dispatch(other!.editor.state.tr.delete(before.from, before.to));
    network.deliverAll();
    expect(drawn(mine!, 'a1').quote).toBe(moved);

    // One's own typing before the words: mapped at once, then read again from Yjs.
    typeAt(mine!, find(mine!.editor.state.doc, text.slice(0, 3)).from, 'ABC ');
    expect(drawn(mine!, 'a1').quote).toBe(moved);
    await flush();
    expect(drawn(mine!, 'a1').quote).toBe(moved);
    expect(mine!.editor.state.doc.textContent.startsWith('ABC ')).toBe(true);

    // One's own typing right at the start of the words stays outside them, as Yjs has it.
    typeAt(mine!, find(mine!.editor.state.doc, moved).from, '«');
    await flush();
    expect(drawn(mine!, 'a1').quote).toBe(moved);
    expect(mine!.editor.state.doc.textContent).toContain(`«${moved}`);
  });

  it('resolves nowhere once its block is deleted, and a comment highlights its own range', () => {
    const { peers: [mine, other], network, bridge } = start([ENGLISH, 'A second paragraph.']);
    const view = amendment(other!, 'March', 'April');
    const second = find(other!.editor.state.doc, 'second');
    const comment: AnnotationView = { id: 'c1', kind: 'comment', anchor: encodeAnchor(other!.binding, second.from, second.to)!, tone: -1, label: '', proposed: '' };
    bridge.setAnnotations([view, comment]);
    const highlighted = mine!.editor.view.dom.querySelector('.comment-range[data-comment="c1"]');
    expect(highlighted?.textContent).toBe('second');

    other!.editor.view.dispatch(other!.editor.state.tr.delete(0, other!.editor.state.doc.child(0).nodeSize));
    network.deliverAll();
    expect(drawn(mine!, 'a1').widgets).toBe(0);
    expect(bridge.getPositions().has('a1')).toBe(false);
    expect(bridge.getPositions().get('c1')).toBe(find(mine!.editor.state.doc, 'second').from);
  });

  it('encodes an anchor that plain Yjs reads back inside the block text, keeping typing at its edges outside', () => {
    const { peers: [mine] } = start([ENGLISH]);
    const { from, to } = find(mine!.editor.state.doc, 'March');
    const anchor = decodeAnchor(encodeAnchor(mine!.binding, from, to)!)!;
    const first = Y.createAbsolutePositionFromRelativePosition(anchor.start, mine!.doc)!;
    const last = Y.createAbsolutePositionFromRelativePosition(anchor.end, mine!.doc)!;
    expect(first.type).toBeInstanceOf(Y.XmlText);
    expect(last.type).toBe(first.type);
    expect((first.type as Y.XmlText).toString().slice(first.index, last.index)).toBe('March');
    typeAt(mine!, from, '[');
    typeAt(mine!, to + 1, ']');
    const text = first.type as Y.XmlText;
    const a = Y.createAbsolutePositionFromRelativePosition(anchor.start, mine!.doc)!;
    const b = Y.createAbsolutePositionFromRelativePosition(anchor.end, mine!.doc)!;
    expect(text.toString().slice(a.index, b.index)).toBe('March');
    expect(text.toString()).toContain('[March]');
  });

  it('reveals an annotation: selects its words', () => {
    const { peers: [mine, other], bridge } = start([ENGLISH]);
    bridge.setAnnotations([amendment(other!, 'London', 'Kuwait')]);
    setSelection(mine!.editor, 1);
    expect(bridge.reveal('a1')).toBe(true);
    const { from, to } = mine!.editor.state.selection;
    expect(mine!.editor.state.doc.textBetween(from, to)).toBe('London');
    expect(bridge.reveal('nope')).toBe(false);
  });
});
