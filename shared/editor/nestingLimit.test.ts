// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { minutesExtensions } from './extensions.js';
import { MAX_NESTING_DEPTH } from './limits.js';

function editor(content: string) {
  return new Editor({ element: document.createElement('div'), extensions: minutesExtensions(), content, enableCoreExtensions: { textDirection: false } });
}

/** The deepest element (not text) of a document, a top-level block being at depth 1. */
function deepest(doc: PMNode): number {
  let max = 0;
  doc.descendants((node, pos) => {
    if (!node.isText) max = Math.max(max, doc.resolve(pos).depth + 1);
  });
  return max;
}

describe('the nesting limit in the editor', () => {
  it('stops sinking a list item at the depth the server accepts', () => {
    const e = editor('<ul><li><p>first</p></li></ul>');
    e.commands.setTextSelection(e.state.doc.content.size - 3);
    // Enter, type, Tab — forty times: each new item one level deeper, until the limit.
    for (let i = 0; i < 40; i++) {
      e.commands.splitListItem('listItem');
      e.commands.insertContent('x');
      e.commands.sinkListItem('listItem');
    }
    expect(deepest(e.state.doc)).toBeGreaterThanOrEqual(MAX_NESTING_DEPTH - 2);
    expect(deepest(e.state.doc)).toBeLessThanOrEqual(MAX_NESTING_DEPTH);
    e.destroy();
  });

  it('does not paste a tree deeper than the limit, and pastes one within it', () => {
    const nested = (levels: number) => `${'<ul><li><p>level</p>'.repeat(levels)}${'</li></ul>'.repeat(levels)}`;
    const e = editor('<p>start</p>');
    const before = e.getJSON();
    e.commands.setTextSelection(3);
    e.commands.insertContent(nested(20));
    expect(e.getJSON()).toEqual(before);
    e.commands.insertContent(nested(10));
    expect(deepest(e.state.doc)).toBe(21);
    e.destroy();
  });
});
