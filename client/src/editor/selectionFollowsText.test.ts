// @vitest-environment happy-dom
import type { JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection } from '@tiptap/pm/state';
import { afterEach, describe, expect, it } from 'vitest';
import { initialMinutesUpdate } from '../../../server/src/minutes/initialState.js';
import { minutesTemplate } from '../../../server/src/minutes/template.js';
import { Network, Peer, pressKey, setSelection, typeChar } from './coEditing.testing.js';

/**
 * Issue 8: a person's caret stays in their own block whatever the others do elsewhere. Two (or
 * three) real editors on Y.Docs linked by a network that delivers when told, so that the order
 * of events is exactly the one described.
 */

let peers: Peer[] = [];
afterEach(() => {
  for (const peer of peers) peer.destroy();
  peers = [];
});

function start(json: JSONContent, count = 2): { peers: Peer[]; network: Network } {
  const initial = initialMinutesUpdate(json);
  peers = Array.from({ length: count }, (_, i) => new Peer(i, initial, 1000 + i));
  const network = new Network(peers, initial);
  // Opened: whatever the editors wrote while opening has reached the others.
  network.deliverAll();
  return { peers, network };
}

function type(peer: Peer, text: string): void {
  for (const char of text) typeChar(peer.editor, char);
}

/** Start of the `n`-th textblock after the heading whose text includes `heading` (0: the next). */
function blockAfter(doc: PMNode, heading: string, n = 0): number {
  let seen = -1;
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.type.name === 'heading' && node.textContent.includes(heading)) seen = 0;
    else if (node.isTextblock && seen >= 0 && seen++ === n) found = pos + 1;
    return !node.isTextblock;
  });
  if (found < 0) throw new Error(`no block ${n} after ${heading}`);
  return found;
}

/** End of the textblock whose text includes `text`. */
function endOf(doc: PMNode, text: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isTextblock && node.textContent.includes(text)) found = pos + 1 + node.content.size;
    return found < 0;
  });
  if (found < 0) throw new Error(`no block with ${text}`);
  return found;
}

/** The text of each section: heading → the text of the blocks under it. */
function sections(doc: PMNode): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  let current = '';
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    if (node.type.name === 'heading' && node.attrs.level === 2) result[(current = node.textContent)] = [];
    else if (current) result[current]!.push(node.textContent);
    return false;
  });
  return result;
}

const caretBlockText = (peer: Peer) => peer.editor.state.selection.$anchor.parent.textContent;

/** The top-level blocks of a type. */
function blocksOf(peer: Peer, type: string): PMNode[] {
  const found: PMNode[] = [];
  peer.editor.state.doc.forEach((node) => {
    if (node.type.name === type) found.push(node);
  });
  return found;
}

const ENGLISH = minutesTemplate({ language: 'en', digits: 'western', carriedOver: [] });
const ARABIC = minutesTemplate({ language: 'ar', digits: 'western', carriedOver: [] });

describe('a caret in an empty block, when someone presses Enter above', () => {
  it.each([
    ['English', ENGLISH, 'Discussion', 'Decisions', 'The UK side presented the plan.', 'Agreed: joint exercise in March.', 'Second point.'],
    ['Arabic', ARABIC, 'المناقشات', 'القرارات', 'عرض الجانب البريطاني الخطة.', 'تقرر إجراء التمرين المشترك في مارس.', 'النقطة الثانية.'],
  ])('%s: the secretary types under Decisions, the delegate under Discussion', (_lang, template, discussion, decisions, existing, decision, reply) => {
    const { peers: [secretary, delegate], network } = start(template);
    // The delegate's paragraph under Discussion has text; the secretary waits under Decisions.
    setSelection(delegate!.editor, blockAfter(delegate!.editor.state.doc, discussion));
    type(delegate!, existing);
    network.deliverAll();
    setSelection(secretary!.editor, blockAfter(secretary!.editor.state.doc, decisions));

    setSelection(delegate!.editor, endOf(delegate!.editor.state.doc, existing));
    pressKey(delegate!.editor, 'Enter');
    network.deliverAll();
    expect(caretBlockText(secretary!)).toBe('');
    // Both type at once: neither has the other's keystrokes yet.
    type(secretary!, decision);
    type(delegate!, reply);
    network.deliverAll();

    for (const peer of [secretary!, delegate!]) {
      const text = sections(peer.editor.state.doc);
      const headings = Object.keys(text);
      expect(text[headings.find((h) => h.includes(discussion))!]).toEqual([existing, reply]);
      expect(text[headings.find((h) => h.includes(decisions))!]).toEqual([decision]);
    }
  });

  it('stays when the Enter and the typing cross on the network', () => {
    const { peers: [secretary, delegate], network } = start(ENGLISH);
    setSelection(secretary!.editor, blockAfter(secretary!.editor.state.doc, 'Decisions'));
    setSelection(delegate!.editor, blockAfter(delegate!.editor.state.doc, 'Discussion'));
    type(delegate!, 'Opening remarks.');
    pressKey(delegate!.editor, 'Enter');
    type(secretary!, 'Decided.');
    network.deliverAll();
    type(secretary!, ' Unanimously.');
    network.deliverAll();
    expect(sections(delegate!.editor.state.doc)['Decisions']).toEqual(['Decided. Unanimously.']);
    expect(sections(delegate!.editor.state.doc)['Discussion']).toEqual(['Opening remarks.', '']);
  });
});

describe('a caret stays in its own block when, above it, someone', () => {
  it('adds an item to the same list (caret in an empty list item)', () => {
    const item = (text?: string): JSONContent => ({ type: 'listItem', content: [{ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) }] });
    const { peers: [a, b], network } = start({ type: 'doc', content: [{ type: 'orderedList', content: [item('first'), item()] }, { type: 'paragraph' }] });
    setSelection(a!.editor, endOf(a!.editor.state.doc, 'first') + 4);
    expect(a!.editor.state.selection.$anchor.node(-1).type.name).toBe('listItem');
    setSelection(b!.editor, endOf(b!.editor.state.doc, 'first'));
    pressKey(b!.editor, 'Enter');
    network.deliverAll();
    type(a!, 'mine');
    type(b!, 'theirs');
    network.deliverAll();
    const list = a!.editor.state.doc.child(0);
    expect(list.content.content.map((li) => li.textContent)).toEqual(['first', 'theirs', 'mine']);
  });

  it('adds an empty heading (caret in an empty heading)', () => {
    const heading = (text?: string): JSONContent => ({ type: 'heading', attrs: { level: 2 }, ...(text ? { content: [{ type: 'text', text }] } : {}) });
    const { peers: [a, b], network } = start({ type: 'doc', content: [heading('One'), { type: 'paragraph' }, heading()] });
    setSelection(a!.editor, a!.editor.state.doc.content.size - 1);
    setSelection(b!.editor, 1);
    b!.editor.chain().insertContentAt(0, heading()).run();
    network.deliverAll();
    type(a!, 'Mine');
    network.deliverAll();
    expect(blocksOf(a!, 'heading').map((n) => n.textContent)).toEqual(['', 'One', 'Mine']);
  });

  it('inserts an action item (caret in the task of an empty action item)', () => {
    const { peers: [a, b], network } = start({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Intro' }] }, { type: 'paragraph' }] });
    setSelection(a!.editor, a!.editor.state.doc.content.size - 1);
    a!.editor.commands.insertActionItem({ owner: 'UK' });
    network.deliverAll();
    setSelection(b!.editor, endOf(b!.editor.state.doc, 'Intro'));
    b!.editor.commands.insertActionItem({ owner: 'Kuwait' });
    network.deliverAll();
    type(a!, 'Draft the plan');
    type(b!, 'Host the visit');
    network.deliverAll();
    expect(blocksOf(a!, 'actionItem').map((n) => [n.attrs.owner, n.textContent])).toEqual([
      ['Kuwait', 'Host the visit'],
      ['UK', 'Draft the plan'],
    ]);
  });

  it('deletes a block', () => {
    const { peers: [a, b], network } = start(ENGLISH);
    setSelection(a!.editor, blockAfter(a!.editor.state.doc, 'Decisions'));
    // The empty paragraph under Discussion: Backspace at its start removes it.
    setSelection(b!.editor, blockAfter(b!.editor.state.doc, 'Discussion'));
    pressKey(b!.editor, 'Backspace');
    network.deliverAll();
    expect(sections(b!.editor.state.doc)['Discussion']).toEqual([]);
    type(a!, 'Decided.');
    network.deliverAll();
    expect(sections(b!.editor.state.doc)['Decisions']).toEqual(['Decided.']);
    expect(sections(b!.editor.state.doc)['Action items']).toEqual(['']);
  });
});

describe('when the caret’s own block changes', () => {
  it('goes to the end of the block before when its block is deleted, not to the document start', () => {
    const { peers: [a, b], network } = start({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'two' }] }, { type: 'paragraph' }, { type: 'paragraph', content: [{ type: 'text', text: 'four' }] }],
    });
    setSelection(a!.editor, endOf(a!.editor.state.doc, 'two') + 2);
    setSelection(b!.editor, endOf(b!.editor.state.doc, 'two'), endOf(b!.editor.state.doc, 'two') + 2);
    pressKey(b!.editor, 'Backspace');
    network.deliverAll();
    expect(caretBlockText(a!)).toBe('two');
    expect(a!.editor.state.selection.$anchor.parentOffset).toBe(3);
  });

  it('follows its text into the new block when someone splits the block before it', () => {
    const { peers: [a, b], network } = start({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First sentence. Second' }] }] });
    setSelection(a!.editor, a!.editor.state.doc.content.size - 1);
    setSelection(b!.editor, 1 + 'First sentence.'.length);
    pressKey(b!.editor, 'Enter');
    network.deliverAll();
    type(a!, ' sentence.');
    network.deliverAll();
    expect(blocksOf(a!, 'paragraph').map((n) => n.textContent)).toEqual(['First sentence.', ' Second sentence.']);
  });

  it('stays after its text when someone joins its block to the one above', () => {
    const { peers: [a, b], network } = start({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Above' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'mine' }] }] });
    setSelection(a!.editor, a!.editor.state.doc.content.size - 1);
    setSelection(b!.editor, endOf(b!.editor.state.doc, 'Above') + 2);
    pressKey(b!.editor, 'Backspace');
    network.deliverAll();
    type(a!, '!');
    expect(a!.editor.state.doc.textContent).toBe('Abovemine!');
  });

  it('stays in its text when someone turns its paragraph into a list item', () => {
    const { peers: [a, b], network } = start({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Contingency planning' }] }] });
    setSelection(a!.editor, 1 + 'Contingency'.length);
    setSelection(b!.editor, 3);
    b!.editor.commands.toggleBulletList();
    network.deliverAll();
    type(a!, ' crisis');
    expect(a!.editor.state.doc.textContent).toBe('Contingency crisis planning');
    expect(a!.editor.state.doc.child(0).type.name).toBe('bulletList');
  });
});

describe('a selection', () => {
  it('spanning two blocks keeps its text when a block is added above', () => {
    const { peers: [a, b], network } = start({ type: 'doc', content: ['Intro', 'alpha beta', 'gamma delta'].map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
    const from = endOf(a!.editor.state.doc, 'alpha beta') - 4;
    const to = endOf(a!.editor.state.doc, 'gamma delta') - 6;
    setSelection(a!.editor, from, to);
    expect(a!.editor.state.doc.textBetween(from, to, '|')).toBe('beta|gamma');
    setSelection(b!.editor, endOf(b!.editor.state.doc, 'Intro'));
    pressKey(b!.editor, 'Enter');
    network.deliverAll();
    const { from: f, to: t } = a!.editor.state.selection;
    expect(a!.editor.state.doc.textBetween(f, t, '|')).toBe('beta|gamma');
  });

  it('of a whole action item stays on that item', () => {
    const { peers: [a, b], network } = start({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Intro' }] },
        { type: 'actionItem', attrs: { id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', owner: 'UK', due: '', status: 'open' }, content: [{ type: 'text', text: 'Draft' }] },
        { type: 'actionItem', attrs: { id: '6fa459ea-ee8a-4ca4-894e-db77e160355e', owner: 'KW', due: '', status: 'open' } },
      ],
    });
    const second = a!.editor.state.doc.child(0).nodeSize + a!.editor.state.doc.child(1).nodeSize;
    a!.editor.view.dispatch(a!.editor.state.tr.setSelection(NodeSelection.create(a!.editor.state.doc, second)));
    setSelection(b!.editor, endOf(b!.editor.state.doc, 'Intro'));
    pressKey(b!.editor, 'Enter');
    network.deliverAll();
    const selection = a!.editor.state.selection;
    expect(selection).toBeInstanceOf(NodeSelection);
    expect((selection as NodeSelection).node.attrs.id).toBe('6fa459ea-ee8a-4ca4-894e-db77e160355e');
  });
});

describe('after an undo', () => {
  it('the next change of someone else leaves the caret where it is', () => {
    const { peers: [a, b], network } = start(ENGLISH);
    setSelection(a!.editor, blockAfter(a!.editor.state.doc, 'Attendance'));
    type(a!, 'Present: both delegations');
    a!.endUndoStep();
    setSelection(a!.editor, blockAfter(a!.editor.state.doc, 'Decisions'));
    type(a!, 'Agreed');
    a!.endUndoStep();
    a!.editor.commands.undo();
    expect(caretBlockText(a!)).toBe('');
    network.deliverAll();
    setSelection(b!.editor, blockAfter(b!.editor.state.doc, 'Discussion'));
    type(b!, 'x');
    network.deliverAll();
    type(a!, 'Decided');
    expect(sections(a!.editor.state.doc)['Decisions']).toEqual(['Decided']);
  });
});
