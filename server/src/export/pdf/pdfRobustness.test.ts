import type { JSONContent } from '@tiptap/core';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.js';
import { normalize, pdfInfo, pdfLines, pdfText } from './fixtures/pdfTools.js';
import {
  actionItem,
  bulletList,
  doc,
  heading,
  longArabicMinutes,
  minutesInput,
  orderedList,
  paragraph,
  text,
} from './fixtures/sampleMinutes.js';
import { closePdfWorkers, renderMinutesPdf } from './index.js';

afterAll(closePdfWorkers);

const PERSIAN_URDU = 'گزارش جلسه پ چ ژ گ ک ی ے';
const LONG_LATIN = 'Supercalifragilistic'.repeat(20);
const LONG_ARABIC = 'مقاتلالصحراء'.repeat(25);
const LONG_URL = `https://example.gov.kw/${'documents/'.repeat(30)}minutes.pdf`;

/** Deeply nested lists, alternating bullets and numbers. */
function nested(depth: number): JSONContent {
  const list = depth % 2 === 0 ? bulletList : orderedList;
  return list(depth === 0 ? `Level ${depth}` : [paragraph(`Level ${depth}`), nested(depth - 1)]);
}

const UNUSUAL = doc(
  paragraph('Emoji 😀👍🏽🇰🇼🇬🇧 ✅ and symbols ☎ ⚖ in a line, والعربية 🙂 أيضا.'),
  paragraph(PERSIAN_URDU),
  paragraph('مُحَضَّرُ الاجْتِمَاعِ — e\u0301 a\u0308 Z\u0351\u0352\u0357\u0358\u0359 — ﻻ ﷲ ﷺ'),
  paragraph('\u200Eleft\u200F right \u202Aembed\u202C \u202Bتضمين\u202C \u202Doverride\u202C \u202Eمعكوس \u2066iso\u2069 \u2067عزل\u2069 \u2068fsi\u2069 unclosed \u202E\u2067 end'),
  paragraph('\u202Eكل الفقرة معكوسة بلا إغلاق'),
  paragraph(LONG_LATIN),
  paragraph(LONG_ARABIC),
  paragraph(LONG_URL),
  heading(1, LONG_LATIN),
  paragraph('lone \uD800 surrogates \uDFFF, NUL \u0000, bell \u0007, tab\tnew\nline \u2028 sep, BOM \uFEFF, private \uE000, noncharacter \uFFFF'),
  paragraph(text('', 'bold'), text('marks that do not exist', 'bold'), { type: 'text', text: ' strike', marks: [{ type: 'strike' }] }),
  paragraph('x'.repeat(20_000)),
  nested(8),
  heading(6, 'عنوان فرعي صغير'),
  { type: 'heading', attrs: { level: 9 }, content: [text('level nine')] },
  { type: 'codeBlock', content: [text('a node type from a newer schema')] },
  { type: 'paragraph', content: [{ type: 'paragraph', content: [text('a block where inline content belongs')] }] },
  actionItem(''),
  actionItem(LONG_ARABIC, LONG_URL, 'tomorrow', 'done'),
  { type: 'actionItem', attrs: { status: 'bogus', owner: 42, due: null }, content: [text('odd attributes')] },
);

describe('PDF export of unusual minutes', () => {
  it('exports emoji, Persian/Urdu letters, combining marks, bidi controls and odd nodes without error', async () => {
    const pdf = await renderMinutesPdf(
      minutesInput(UNUSUAL, {
        titleAr: `\u202E${LONG_ARABIC}`,
        place: '😀 \uD800',
        delegations: [{ name: LONG_URL, attendees: [{ name: LONG_LATIN, title: '\u2067', role: 'ے' }] }],
      }),
    );
    const text = normalize(await pdfText(pdf));
    expect(text).toContain(normalize(PERSIAN_URDU));
    expect(text).toContain(normalize('a node type from a newer schema'));
    expect(text).toContain(normalize('a block where inline content belongs'));
    expect(text).toContain(normalize('odd attributes'));
    expect(text).toContain(normalize('Level 8'));
    expect(text).toContain(normalize('Level 0'));
  });

  it('wraps very long words instead of running off the page or out of a cell', async () => {
    const pdf = await renderMinutesPdf(minutesInput(UNUSUAL));
    const lines = await pdfLines(pdf);
    const { width } = await pdfInfo(pdf);
    const margin = 56.69;
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.xMin, line.text.slice(0, 40)).toBeGreaterThanOrEqual(margin - 1);
      expect(line.xMax, line.text.slice(0, 40)).toBeLessThanOrEqual(width - margin + 1);
    }
    // The long word is all there, only broken across lines.
    expect(normalize(await pdfText(pdf))).toContain(normalize(LONG_LATIN));
  });

  it('exports empty minutes as a valid one-page PDF', async () => {
    for (const minutes of [doc(), doc(paragraph()), { type: 'doc' }]) {
      const pdf = await renderMinutesPdf(minutesInput(minutes, { delegations: [] }));
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      expect(await pdfInfo(pdf)).toMatchObject({ pages: 1 });
    }
  });

  it('exports 50 pages of minutes within the time limit', async () => {
    const started = performance.now();
    const pdf = await renderMinutesPdf(minutesInput(longArabicMinutes(46)), { timeoutMs: 10_000 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await pdfInfo(pdf)).pages).toBeGreaterThanOrEqual(50);
  });

  it('exports 30 lists nested 15 deep (as deep as the editor allows), each level further in, within the time limit', async () => {
    // Typst's own lists laid text n levels deep out about 1.5^n times: this overran 30 s.
    const words = ' word'.repeat(40);
    const tree = (depth: number): JSONContent =>
      bulletList(depth === 0 ? `Level ${depth}${words}` : [paragraph(`Level ${depth}${words}`), tree(depth - 1)]);
    const pdf = await renderMinutesPdf(minutesInput(doc(...Array.from({ length: 30 }, () => tree(14))), { delegations: [], language: 'en' }), { timeoutMs: 20_000 });
    const lines = await pdfLines(pdf);
    const starts = Array.from({ length: 15 }, (_, level) => {
      const first = lines.find((l) => l.text.includes(`Level ${level} word`));
      expect(first, `level ${level}`).toBeDefined();
      return first!.xMin;
    });
    // Level 14 is the outermost: each level in is further from the left margin.
    for (let level = 0; level < 14; level++) expect(starts[level]! - starts[level + 1]!, `level ${level}`).toBeGreaterThan(8);
    expect(lines.filter((l) => l.text.includes('Level 0 word')).length).toBe(30);
  }, 60_000);

  it('fails an export that overruns its time limit, and the next export works', async () => {
    const overrun = renderMinutesPdf(minutesInput(longArabicMinutes(10)), { timeoutMs: 1 });
    await expect(overrun).rejects.toBeInstanceOf(DomainError);
    await expect(overrun).rejects.toMatchObject({ kind: 'unavailable', retryAfterSeconds: 1, params: { seconds: 1 } });
    const pdf = await renderMinutesPdf(minutesInput(doc(paragraph('بعد المهلة.'))));
    expect(normalize(await pdfText(pdf))).toContain(normalize('بعد المهلة.'));
  });

  it('serves concurrent exports, each with its own content', async () => {
    const words = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس'];
    const pdfs = await Promise.all(words.map((w) => renderMinutesPdf(minutesInput(doc(paragraph(`المحضر ${w}`))))));
    for (const [i, pdf] of pdfs.entries()) {
      expect(normalize(await pdfText(pdf))).toContain(normalize(`المحضر ${words[i]}`));
    }
  });
});
