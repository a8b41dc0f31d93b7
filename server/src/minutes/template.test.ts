import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { minutesSchema } from '../../../shared/editor/schema.js';
import { minutesTemplate, type CarriedOverItem } from './template.js';

const ITEM: CarriedOverItem = {
  id: '11111111-1111-4111-8111-111111111111',
  text: 'إعداد خطة التمرين',
  owner: 'الكويت',
  due: '2026-12-31',
  status: 'in_progress',
  meetingTitleAr: 'الاجتماع الخامس عشر',
  meetingTitleEn: 'Fifteenth meeting',
};

const textOf = (node: JSONContent): string => node.text ?? (node.content ?? []).map(textOf).join('');

/** Every textblock with text, as [dir, text], in document order. */
function lines(doc: JSONContent): [string | undefined, string][] {
  const out: [string | undefined, string][] = [];
  const visit = (node: JSONContent, inherited: string | undefined) => {
    const dir = (node.attrs?.dir as string | undefined) ?? inherited;
    if ((node.type === 'paragraph' || node.type === 'heading') && textOf(node)) out.push([dir, textOf(node)]);
    else for (const child of node.content ?? []) visit(child, dir);
  };
  visit(doc, undefined);
  return out;
}

const ARABIC = /\p{Script=Arabic}/u;

describe('the minutes template', () => {
  it('is valid minutes in every language', () => {
    for (const language of ['ar', 'en', 'both'] as const) {
      expect(() => minutesSchema().nodeFromJSON(minutesTemplate({ language, digits: 'western', carriedOver: [ITEM] })).check()).not.toThrow();
    }
  });

  it('writes a bilingual meeting one paragraph per language, each in its own direction', () => {
    const got = lines(minutesTemplate({ language: 'both', digits: 'western', carriedOver: [ITEM] }));
    for (const [dir, text] of got) {
      // Arabic lines are right to left and English ones left to right; user text (the task,
      // the owner) is the only thing of the other script inside a line.
      const withoutUserText = text.replace(ITEM.text, '').replace(ITEM.owner, '');
      expect(dir, text).toBe(ARABIC.test(withoutUserText) ? 'rtl' : 'ltr');
      expect(ARABIC.test(withoutUserText) && /[A-Za-z]{3,}/.test(withoutUserText), `mixed line: ${text}`).toBe(false);
    }
    expect(got.map(([, text]) => text)).toEqual([
      'الحضور',
      'Attendance',
      'جدول الأعمال',
      'Agenda',
      'متابعة بنود العمل السابقة',
      'Follow-up of earlier action items',
      'إعداد خطة التمرين — المسؤول: الكويت — تاريخ الاستحقاق: 31 ديسمبر 2026 — قيد التنفيذ — من: الاجتماع الخامس عشر',
      'إعداد خطة التمرين — owner: الكويت — due: 31 December 2026 — in progress — from: Fifteenth meeting',
      'المناقشات',
      'Discussion',
      'القرارات',
      'Decisions',
      'بنود العمل',
      'Action items',
    ]);
  });

  it('writes dates with the group’s digits in Arabic, and Western digits in English', () => {
    const got = lines(minutesTemplate({ language: 'both', digits: 'arabic-indic', carriedOver: [{ ...ITEM, due: '2027-01-05' }] })).map(([, t]) => t);
    expect(got.find((t) => t.includes('تاريخ الاستحقاق'))).toContain('تاريخ الاستحقاق: ٥ يناير ٢٠٢٧');
    expect(got.find((t) => t.includes('due:'))).toContain('due: 5 January 2027');
    expect(got.join('\n')).not.toMatch(/\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2}/);
  });

  it('writes one language only for a one-language meeting, and the attendance as the details’ block', () => {
    const english = minutesTemplate({ language: 'en', digits: 'western', carriedOver: [] });
    expect(lines(english).every(([dir, text]) => dir === 'ltr' && !ARABIC.test(text))).toBe(true);
    expect(english.content?.[1]).toEqual({ type: 'attendance' });
    const arabic = minutesTemplate({ language: 'ar', digits: 'western', carriedOver: [ITEM] });
    expect(lines(arabic).every(([dir]) => dir === 'rtl')).toBe(true);
    expect(lines(arabic).map(([, t]) => t)).not.toContain('Attendance');
  });
});
