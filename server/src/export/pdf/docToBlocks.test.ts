import { describe, expect, it } from 'vitest';
import { minutesSchema } from '../../../../shared/editor/schema.js';
import { markStyles, mapBlocks, nodeMappers, type MapContext } from './docToBlocks.js';
import { formatDay } from '../../../../shared/format/formatting.js';
import { actionItem, bulletList, doc, hardBreak, heading, orderedList, paragraph, text } from './fixtures/sampleMinutes.js';
import { pdfLabels } from './labels.js';

const ctx: MapContext = { dir: 'rtl', labelDir: 'rtl', labels: pdfLabels('ar'), formatDue: (due) => formatDay(due, 'ar', 'arabic-indic') };

describe('mapping of the minutes document to the PDF template', () => {
  it('has a rendering for every node type and mark of the shared schema', () => {
    const schema = minutesSchema();
    for (const name of Object.keys(schema.nodes)) expect(nodeMappers, `node ${name}`).toHaveProperty(name);
    for (const name of Object.keys(schema.marks)) expect(markStyles, `mark ${name}`).toHaveProperty(name);
  });

  it('maps paragraphs, headings, marks and hard breaks', () => {
    const blocks = mapBlocks([doc(heading(2, 'Agenda'), paragraph(text('bold', 'bold', 'underline'), hardBreak(), text('it', 'italic')))], ctx);
    expect(blocks).toEqual([
      { t: 'heading', level: 2, dir: 'ltr', c: [{ t: 'text', s: 'Agenda' }] },
      {
        t: 'par',
        dir: 'ltr',
        c: [{ t: 'text', s: 'bold', b: true, u: true }, { t: 'br' }, { t: 'text', s: 'it', i: true }],
      },
    ]);
  });

  it('nests lists and keeps an ordered list start', () => {
    const list = { ...orderedList('أ', [paragraph('ب'), bulletList('c')]), attrs: { start: 3 } };
    expect(mapBlocks([list], ctx)).toEqual([
      {
        t: 'list',
        ordered: true,
        start: 3,
        dir: 'rtl',
        items: [
          [{ t: 'par', dir: 'rtl', c: [{ t: 'text', s: 'أ' }] }],
          [
            { t: 'par', dir: 'rtl', c: [{ t: 'text', s: 'ب' }] },
            { t: 'list', ordered: false, start: 1, dir: 'ltr', items: [[{ t: 'par', dir: 'ltr', c: [{ t: 'text', s: 'c' }] }]] },
          ],
        ],
      },
    ]);
  });

  it('turns each run of consecutive action items into one table', () => {
    const blocks = mapBlocks(
      [doc(actionItem('مهمة 1', 'UK MoD', '2027-01-31', 'done'), actionItem('مهمة 2'), paragraph('فاصل'), actionItem('Task 3', '', '', 'cancelled'))],
      ctx,
    );
    expect(blocks.map((b) => b.t)).toEqual(['actions', 'par', 'actions']);
    expect(blocks[0]).toMatchObject({
      t: 'actions',
      dir: 'rtl',
      rows: [
        {
          task: { dir: 'rtl', c: [{ t: 'text', s: 'مهمة 1' }] },
          owner: { dir: 'ltr', c: [{ t: 'text', s: 'UK MoD' }] },
          // A due date as Arabic writes it, with the digits of the group (Arabic-Indic here).
          due: { c: [{ t: 'text', s: '٣١ يناير ٢٠٢٧' }] },
          status: 'منجز',
          statusKey: 'done',
        },
        { owner: { c: [{ t: 'text', s: '—' }] }, due: { c: [{ t: 'text', s: '—' }] }, status: 'مفتوح' },
      ],
    });
    expect(blocks[2]).toMatchObject({ rows: [{ task: { dir: 'ltr' }, status: 'ملغى' }] });
  });

  it('resolves each block direction from dir, else its first strong character, else its parent', () => {
    const blocks = mapBlocks(
      [
        { type: 'paragraph', attrs: { dir: 'ltr' }, content: [text('عربي')] },
        { type: 'paragraph', attrs: { dir: 'auto' }, content: [text('2026 — English')] },
        { type: 'paragraph', attrs: { dir: 'auto' }, content: [text('12.5% 1,250,000')] },
        { type: 'paragraph', attrs: { dir: 'auto' }, content: [text('\u2066English\u2069 عربي')] },
      ],
      { ...ctx, dir: 'rtl' },
    );
    expect(blocks.map((b) => ('dir' in b ? b.dir : undefined))).toEqual(['ltr', 'ltr', 'rtl', 'rtl']);
  });

  it('keeps the text of node types and marks it does not know', () => {
    const blocks = mapBlocks(
      [doc({ type: 'codeBlock', content: [text('code')] }, paragraph({ type: 'text', text: 'struck', marks: [{ type: 'strike' }] }))],
      ctx,
    );
    expect(blocks).toEqual([
      { t: 'par', dir: 'ltr', c: [{ t: 'text', s: 'code' }] },
      { t: 'par', dir: 'ltr', c: [{ t: 'text', s: 'struck' }] },
    ]);
  });
});
