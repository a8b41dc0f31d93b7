import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { hasAttendanceBlock, printableMinutes } from './printable.js';

const h = (text: string, level = 2): JSONContent => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] });
const p = (text?: string): JSONContent => ({ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) });
const texts = (doc: JSONContent): string[] => (doc.content ?? []).map((n) => (n.type === 'attendance' ? '[attendance]' : (n.content ?? []).map((c) => c.text ?? '').join('')));

describe('the printable minutes', () => {
  it('leave out empty sections with both headings of a bilingual one, and keep written ones', () => {
    const doc = {
      type: 'doc',
      content: [
        h('الحضور'), h('Attendance'), { type: 'attendance' },
        h('جدول الأعمال'), h('Agenda'), { type: 'orderedList', content: [{ type: 'listItem', content: [p()] }] },
        h('المناقشات'), h('Discussion'), p('ناقش الوفدان الخطة.'), p(),
        h('القرارات'), h('Decisions'), p(' '),
        h('بنود العمل'), h('Action items'), { type: 'actionItem', attrs: { id: null }, content: [] },
      ],
    };
    expect(texts(printableMinutes(doc, { hasAttendance: true }))).toEqual([
      'الحضور', 'Attendance', '[attendance]', 'المناقشات', 'Discussion', 'ناقش الوفدان الخطة.', 'بنود العمل', 'Action items', '',
    ]);
    // Without delegations the attendance section is empty too.
    expect(texts(printableMinutes(doc, { hasAttendance: false }))[0]).toBe('المناقشات');
  });

  it('keep a heading whose subsection has content, and drop an empty subsection', () => {
    const doc = { type: 'doc', content: [h('Part', 1), h('Empty', 2), p(), h('Full', 2), p('text'), h('Next', 1)] };
    expect(texts(printableMinutes(doc, { hasAttendance: false }))).toEqual(['Part', 'Full', 'text']);
  });

  it('leave out empty lines between blocks, so that a heading is followed by what is under it', () => {
    const blank: JSONContent = { type: 'paragraph', content: [{ type: 'hardBreak' }] };
    const list: JSONContent = { type: 'bulletList', content: [{ type: 'listItem', content: [p()] }] };
    const doc = { type: 'doc', content: [h('بنود العمل'), p(), p('  '), blank, p('أولاً'), p(), p('ثانياً'), list, p()] };
    const printed = printableMinutes(doc, { hasAttendance: false }).content ?? [];
    expect(printed.map((n) => n.type)).toEqual(['heading', 'paragraph', 'paragraph', 'bulletList']);
    expect(texts({ content: printed })).toEqual(['بنود العمل', 'أولاً', 'ثانياً', '']);
  });

  it('print the attendance once, at its first place', () => {
    const doc = { type: 'doc', content: [h('Attendance'), { type: 'attendance' }, p('x'), { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'attendance' }] }] }] };
    const printed = printableMinutes(doc, { hasAttendance: true });
    expect(JSON.stringify(printed).match(/"attendance"/g)).toHaveLength(1);
    expect(hasAttendanceBlock(doc)).toBe(true);
    expect(hasAttendanceBlock({ type: 'doc', content: [p('x')] })).toBe(false);
  });
});
