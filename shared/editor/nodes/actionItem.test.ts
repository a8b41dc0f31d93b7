// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { minutesExtensions } from '../extensions.js';
import { isIsoDate } from './actionItem.js';

function editor(content: object) {
  // Mounted: plugins (the id fixer) are only active in a mounted editor.
  return new Editor({ element: document.createElement('div'), extensions: minutesExtensions(), content, enableCoreExtensions: { textDirection: false } });
}

describe('actionItem node', () => {
  it('inserts an item with a fresh uuid and open status, turning an empty paragraph into it', () => {
    const e = editor({ type: 'doc', content: [{ type: 'paragraph' }] });
    e.commands.setTextSelection(1);
    expect(e.commands.insertActionItem({ owner: 'الكويت' })).toBe(true);
    const node = e.state.doc.firstChild!;
    expect(node.type.name).toBe('actionItem');
    expect(node.attrs).toMatchObject({ owner: 'الكويت', due: '', status: 'open' });
    expect(node.attrs.id).toMatch(/^[0-9a-f-]{36}$/);
    e.destroy();
  });

  it('gives a split copy its own id', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const e = editor({ type: 'doc', content: [{ type: 'actionItem', attrs: { id, owner: 'UK', due: '', status: 'open' }, content: [{ type: 'text', text: 'First second' }] }] });
    e.commands.setTextSelection(6);
    e.commands.splitBlock();
    const ids: string[] = [];
    e.state.doc.forEach((n) => {
      if (n.type.name === 'actionItem') ids.push(n.attrs.id);
    });
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(id);
    expect(ids[1]).not.toBe(id);
    e.destroy();
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2027-02-28')).toBe(true);
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('28/02/2027')).toBe(false);
  });
});
