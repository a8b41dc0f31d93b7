import { afterAll, describe, expect, it } from 'vitest';
import { ARABIC_TASKS } from './fixtures/arabicText.js';
import { normalize, pdfFonts, pdfInfo, pdfText } from './fixtures/pdfTools.js';
import { actionItem, doc, longArabicMinutes, minutesInput, paragraph } from './fixtures/sampleMinutes.js';
import { SHIPPED_FONTS } from './fonts.js';
import { closePdfWorkers, renderMinutesPdf } from './index.js';

afterAll(closePdfWorkers);

const TABLE_HEADER = ['المهمة', 'المسؤول', 'تاريخ الاستحقاق', 'الحالة'];

describe('PDF layout of the minutes', () => {
  it('is A4, and its page count grows with the content', async () => {
    const short = await pdfInfo(await renderMinutesPdf(minutesInput(doc(paragraph('فقرة واحدة.')))));
    const long = await pdfInfo(await renderMinutesPdf(minutesInput(longArabicMinutes(4))));
    const longer = await pdfInfo(await renderMinutesPdf(minutesInput(longArabicMinutes(12))));
    expect(short.width).toBeCloseTo(595.28, 1);
    expect(short.height).toBeCloseTo(841.89, 1);
    expect(short.pages).toBe(1);
    expect(long.pages).toBeGreaterThan(short.pages);
    expect(longer.pages).toBeGreaterThan(long.pages);
    expect(longer.width).toBeCloseTo(595.28, 1);
  });

  it('repeats the action-item table header on every page the table spans', async () => {
    const tasks = Array.from({ length: 70 }, (_, i) => {
      const [task, owner] = ARABIC_TASKS[i % ARABIC_TASKS.length] ?? ['', ''];
      return actionItem(task, owner, '2027-03-01', 'open');
    });
    const pdf = await renderMinutesPdf(minutesInput(doc(paragraph('بنود العمل:'), ...tasks)));
    const { pages } = await pdfInfo(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    // Every page after the first holds only table rows, so each must start with the header.
    for (let page = 2; page <= pages; page++) {
      const text = normalize(await pdfText(pdf, { first: page, last: page }));
      for (const label of TABLE_HEADER) expect(text, `page ${page}`).toContain(normalize(label));
    }
    // …and the table does run to the last page: its rows (due date, status) are there.
    const last = normalize(await pdfText(pdf, { first: pages, last: pages }));
    // (The due date is written out, "1 مارس 2027"; pdftotext may put its day elsewhere in the row.)
    expect(last).toContain('مارس2027');
    expect(last).toContain('مفتوح');
  });

  it('marks every page of a draft or circulated minutes "مسودة / DRAFT", and no page of approved ones', async () => {
    for (const status of ['draft', 'circulated'] as const) {
      const pdf = await renderMinutesPdf(minutesInput(longArabicMinutes(2), { status }));
      const { pages } = await pdfInfo(pdf);
      for (let page = 1; page <= pages; page++) {
        const text = await pdfText(pdf, { first: page, last: page });
        expect(text, `${status} page ${page}`).toContain('مسودة');
        expect(text, `${status} page ${page}`).toContain('DRAFT');
      }
    }
    const approved = await pdfText(await renderMinutesPdf(minutesInput(longArabicMinutes(2), { status: 'approved' })));
    expect(approved).not.toContain('مسودة');
    expect(approved).not.toContain('DRAFT');
  });

  it('numbers the pages "صفحة X من Y"', async () => {
    const pdf = await renderMinutesPdf(minutesInput(longArabicMinutes(3)));
    const { pages } = await pdfInfo(pdf);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      expect(normalize(await pdfText(pdf, { first: page, last: page }))).toContain(`صفحة${page}من${pages}`);
    }
  });

  it('embeds only the fonts shipped with the project', async () => {
    const pdf = await renderMinutesPdf(minutesInput(longArabicMinutes(1), { language: 'both' }));
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(SHIPPED_FONTS).toContain(font);
  });
});
