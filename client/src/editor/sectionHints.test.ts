// @vitest-environment happy-dom
import { Editor, type JSONContent } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { minutesExtensions } from '../../../shared/editor/extensions.js';
import { SectionHints } from './sectionHints.js';

let editors: Editor[] = [];
afterEach(() => {
  for (const e of editors) e.destroy();
  editors = [];
});

/** The hints a reader sees: the `data-hint` of each decorated block, with its tag. */
function hintsOf(content: JSONContent[]): { tag: string; hint: string }[] {
  const e = new Editor({
    element: document.createElement('div'),
    extensions: [...minutesExtensions(), SectionHints.configure({ hintOf: (section) => (section === 'attendance' ? null : { text: `hint:${section}`, dir: 'ltr' }) })],
    content: { type: 'doc', content },
    enableCoreExtensions: { textDirection: false },
  });
  editors.push(e);
  return Array.from(e.view.dom.querySelectorAll<HTMLElement>('.section-hint')).map((el) => ({ tag: el.tagName.toLowerCase(), hint: el.dataset.hint ?? '' }));
}

const heading = (text: string): JSONContent => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] });
const paragraph = (text = ''): JSONContent => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const actionItem = (text = ''): JSONContent => ({ type: 'actionItem', content: text ? [{ type: 'text', text }] : [] });

describe('section hints', () => {
  it('show under an empty section of either language, and not once it has text', () => {
    expect(hintsOf([heading('القرارات'), paragraph(), heading('Action items'), paragraph(), heading('المناقشات'), paragraph('نص')])).toEqual([
      { tag: 'p', hint: 'hint:decisions' },
      { tag: 'p', hint: 'hint:actionItems' },
    ]);
  });

  it('find the empty first line inside a list', () => {
    const list: JSONContent = { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph()] }] };
    expect(hintsOf([heading('Agenda'), list])).toEqual([{ tag: 'p', hint: 'hint:agenda' }]);
  });

  it('leave an empty action item its own placeholder (they were drawn over each other)', () => {
    expect(hintsOf([heading('بنود العمل'), actionItem(), heading('Action items'), actionItem('Share the schedule')])).toEqual([]);
  });

  it('are none for the attendance, which has its own view', () => {
    expect(hintsOf([heading('الحضور'), paragraph()])).toEqual([]);
  });
});
