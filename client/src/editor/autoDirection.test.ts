import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { minutesExtensions } from '../../../shared/editor/extensions.js';
import { autoDirection } from './autoDirection.js';

describe('autoDirection', () => {
  const schema = getSchema(minutesExtensions());
  const p = (text: string, dir = 'auto') => schema.nodes.paragraph!.create({ dir }, text ? schema.text(text) : null);
  const li = (...content: ReturnType<typeof p>[]) => schema.nodes.listItem!.create({ dir: 'auto' }, content);

  it('gives a list item the direction of its first paragraph', () => {
    expect(autoDirection(li(p('Contingency planning'), p('عربي')))).toBe('ltr');
    expect(autoDirection(li(p('مقاتل الصحراء')))).toBe('rtl');
  });

  it('lets empty or letterless blocks inherit the document direction', () => {
    expect(autoDirection(li(p('')))).toBe('inherit');
    expect(autoDirection(p(''))).toBe('inherit');
    expect(autoDirection(p('2027'))).toBe('inherit');
  });

  it('leaves paragraphs with letters, and explicit overrides, to the browser', () => {
    expect(autoDirection(p('Hello'))).toBeNull();
    expect(autoDirection(p('', 'ltr'))).toBeNull();
    expect(autoDirection(schema.nodes.listItem!.create({ dir: 'rtl' }, p('Hello')))).toBeNull();
  });
});
