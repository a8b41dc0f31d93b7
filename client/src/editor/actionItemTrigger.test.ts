// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { afterEach, describe, expect, it } from 'vitest';
import { minutesExtensions } from '../../../shared/editor/extensions.js';
import { isOverdue } from './ActionItemView.js';

let editors: Editor[] = [];
afterEach(() => {
  for (const e of editors) e.destroy();
  editors = [];
});

function editor(content: object) {
  // Mounted: input rules and the id fixer are plugins of a mounted editor.
  const e = new Editor({ element: document.createElement('div'), extensions: minutesExtensions(), content, enableCoreExtensions: { textDirection: false } });
  editors.push(e);
  return e;
}

/** Types like a user: each character goes through `handleTextInput` (where input rules run). */
function type(e: Editor, text: string) {
  for (const char of text) {
    const { from, to } = e.state.selection;
    const handled = e.view.someProp('handleTextInput', (f) => f(e.view, from, to, char, () => e.state.tr.insertText(char, from, to)));
    if (!handled) e.view.dispatch(e.state.tr.insertText(char, from, to));
  }
}

/** Block types of the document, without the empty paragraph the trailing-node plugin keeps last. */
const types = (e: Editor) => {
  const names: string[] = [];
  e.state.doc.forEach((n) => names.push(n.type.name));
  const last = e.state.doc.lastChild;
  if (names.length > 1 && last?.type.name === 'paragraph' && last.content.size === 0) names.pop();
  return names;
};
const items = (e: Editor) => {
  const found: PMNode[] = [];
  e.state.doc.forEach((n) => {
    if (n.type.name === 'actionItem') found.push(n);
  });
  return found;
};

describe('the `[] ` trigger', () => {
  it('turns an empty paragraph into an action item with a fresh id, keeping its direction', () => {
    const e = editor({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'قبل' }] }, { type: 'paragraph', attrs: { dir: 'ltr' } }] });
    e.commands.setTextSelection(e.state.doc.content.size - 1);
    type(e, '[] ');
    expect(types(e)).toEqual(['paragraph', 'actionItem']);
    const item = items(e)[0]!;
    expect(item.textContent).toBe('');
    expect(item.attrs).toMatchObject({ owner: '', due: '', status: 'open', dir: 'ltr' });
    expect(item.attrs.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    type(e, 'متابعة');
    expect(items(e)[0]!.textContent).toBe('متابعة');
  });

  it('gives every new item its own id', () => {
    const e = editor({ type: 'doc', content: [{ type: 'paragraph' }] });
    e.commands.setTextSelection(1);
    type(e, '[] ');
    const first = items(e)[0]!.attrs.id as string;
    // The trailing empty paragraph after it is the next empty line.
    e.commands.setTextSelection(e.state.doc.content.size - 1);
    type(e, '[] ');
    expect(types(e)).toEqual(['actionItem', 'actionItem']);
    expect(items(e)[1]!.attrs.id).not.toBe(first);
  });

  it('does nothing in a line that already has text after the caret, in a heading or mid-line', () => {
    const e = editor({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'نص' }] },
        { type: 'heading', attrs: { level: 2 } },
        { type: 'paragraph', content: [{ type: 'text', text: 'a ' }] },
      ],
    });
    e.commands.setTextSelection(1);
    type(e, '[] ');
    e.commands.setTextSelection(e.state.doc.child(0).nodeSize + 1);
    type(e, '[] ');
    e.commands.setTextSelection(e.state.doc.content.size - 1);
    type(e, '[] ');
    expect(types(e)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(e.state.doc.child(0).textContent).toBe('[] نص');
    expect(e.state.doc.child(2).textContent).toBe('a [] ');
  });

  it('works in a list item’s own paragraph only where an action item may stand', () => {
    const e = editor({ type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }] });
    e.commands.setTextSelection(3);
    type(e, '[] ');
    // A list item must start with a paragraph: the trigger stays text there.
    expect(e.state.doc.firstChild!.firstChild!.firstChild!.type.name).toBe('paragraph');
  });
});

describe('isOverdue', () => {
  it.each([
    [{ due: '2027-03-09', status: 'open' }, true],
    [{ due: '2027-03-09', status: 'in_progress' }, true],
    [{ due: '2027-03-09', status: 'done' }, false],
    [{ due: '2027-03-09', status: 'cancelled' }, false],
    [{ due: '2027-03-10', status: 'open' }, false],
    [{ due: '', status: 'open' }, false],
  ])('%j on 2027-03-10 → %s', (item, expected) => {
    expect(isOverdue(item, '2027-03-10')).toBe(expected);
  });
});
