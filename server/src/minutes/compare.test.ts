import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { compareMinutes } from './compare.js';

const p = (text: string): JSONContent => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

const KEPT_AR = 'اتفق الجانبان على عقد الاجتماع القادم في الكويت.';
const KEPT_EN = 'Both sides agreed to meet again in Kuwait.';

/** The new text is the equal + insert parts; the old one the equal + delete parts (jsdiff takes shared spaces from the new text). */
function sides(parts: { op: string; text: string }[]) {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  return {
    before: squeeze(parts.filter((x) => x.op !== 'insert').map((x) => x.text).join('')),
    after: parts.filter((x) => x.op !== 'delete').map((x) => x.text).join(''),
  };
}

describe('comparing two versions of the minutes', () => {
  it('reports inserted, deleted and equal paragraphs in document order, Arabic and English', () => {
    const before = doc(p(KEPT_AR), p('فقرة ستحذف من المحضر بالكامل.'), p(KEPT_EN));
    const after = doc(p(KEPT_AR), p(KEPT_EN), p('A new paragraph on the joint exercise.'), p('فقرة جديدة عن التمرين المشترك.'));
    expect(compareMinutes(before, after)).toEqual([
      { op: 'equal', before: KEPT_AR, after: KEPT_AR },
      { op: 'delete', before: 'فقرة ستحذف من المحضر بالكامل.' },
      { op: 'equal', before: KEPT_EN, after: KEPT_EN },
      { op: 'insert', after: 'A new paragraph on the joint exercise.' },
      { op: 'insert', after: 'فقرة جديدة عن التمرين المشترك.' },
    ]);
  });

  it('shows an edited Arabic paragraph as a change with whole Arabic words', () => {
    const before = 'وافق الجانب الكويتي على المقترح البريطاني بشأن التدريب.';
    const after = 'وافق الجانب الكويتي مبدئيا على المقترح البريطاني بشأن التدريب المشترك.';
    const [block] = compareMinutes(doc(p(before)), doc(p(after)));
    expect(block).toMatchObject({ op: 'change', before, after });
    const inserted = block!.parts!.filter((x) => x.op === 'insert').map((x) => x.text.trim());
    expect(inserted).toEqual(['مبدئيا', 'المشترك']);
    expect(block!.parts!.filter((x) => x.op === 'delete')).toEqual([]);
    expect(sides(block!.parts!)).toEqual({ before: before.replace(/\s+/g, ''), after });
  });

  it('shows an edited English paragraph as a change with deleted and inserted words', () => {
    const before = 'The UK delegation will send the report by March.';
    const after = 'The UK delegation will circulate the final report by April.';
    const [block] = compareMinutes(doc(p(before)), doc(p(after)));
    expect(block!.op).toBe('change');
    const del = block!.parts!.filter((x) => x.op === 'delete').map((x) => x.text.trim());
    const ins = block!.parts!.filter((x) => x.op === 'insert').map((x) => x.text.trim());
    expect(del).toEqual(['send', 'March']);
    expect(ins).toEqual(['circulate', 'final', 'April']);
    expect(sides(block!.parts!)).toEqual({ before: before.replace(/\s+/g, ''), after });
  });

  it('does not pair unrelated paragraphs, and covers headings, list items and action items', () => {
    const before = doc(
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'القرارات' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('البند الأول')] }] },
      p('Completely different words here.'),
    );
    const after = doc(
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'القرارات' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('البند الأول')] }, { type: 'listItem', content: [p('البند الثاني')] }] },
      p('نص عربي لا علاقة له بما سبق.'),
      { type: 'actionItem', attrs: { id: '6c0f3a52-6a4d-4e0a-9d2b-0d7d8f1e2a11', owner: 'UK', due: '', status: 'open' }, content: [{ type: 'text', text: 'Send the draft' }] },
    );
    expect(compareMinutes(before, after).map((b) => [b.op, b.before ?? b.after])).toEqual([
      ['equal', 'القرارات'],
      ['equal', 'البند الأول'],
      ['delete', 'Completely different words here.'],
      ['insert', 'البند الثاني'],
      ['insert', 'نص عربي لا علاقة له بما سبق.'],
      ['insert', 'Send the draft'],
    ]);
  });
});
