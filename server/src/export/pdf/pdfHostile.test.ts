import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.js';
import { normalize, pdfText } from './fixtures/pdfTools.js';
import { doc, longArabicMinutes, minutesInput, paragraph } from './fixtures/sampleMinutes.js';
import { closePdfWorkers, renderMinutesPdf } from './index.js';
import { cleanText } from './textRuns.js';

afterAll(closePdfWorkers);

describe('PDF export of minutes written to break it', () => {
  it('exports tens of thousands of zero-width characters in one place (the PDF writer used to abort the server)', async () => {
    // Each of these put more than 64 KiB of text on one line of the PDF, where krilla panicked
    // and the panic aborted the whole process.
    const hostile = ['x' + '\u2060'.repeat(40_000), 'y' + '\u200B'.repeat(40_000), 'ب' + '\u064F'.repeat(40_000), 'z' + '\u0301\u200D'.repeat(20_000)];
    const pdf = await renderMinutesPdf(minutesInput(doc(paragraph('قبل'), ...hostile.map((h) => paragraph(h)), paragraph('بعد'))));
    const text = normalize(await pdfText(pdf));
    expect(text).toContain(normalize('قبل'));
    expect(text).toContain(normalize('بعد'));
  });

  it('keeps at most 30 invisible characters in a row, as no writing system needs more', () => {
    expect(cleanText('a' + '\u0301'.repeat(100) + 'b')).toBe('a' + '\u0301'.repeat(30) + 'b');
    expect(cleanText('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} مُحَضَّرٌ')).toBe('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} مُحَضَّرٌ');
  });

  it('stops an export at its time limit, and nothing goes on computing it', async () => {
    // A warm renderer, so that the limit falls in the middle of the compilation.
    await renderMinutesPdf(minutesInput(doc(paragraph('قبل المهلة.'))));
    const overrun = renderMinutesPdf(minutesInput(longArabicMinutes(150)), { timeoutMs: 500 });
    await expect(overrun).rejects.toBeInstanceOf(DomainError);
    // A thread's native compilation could not be interrupted and ran on to its end (seconds of
    // a core); the renderer process is killed. This process is idle meanwhile.
    const before = process.cpuUsage();
    const started = performance.now();
    await new Promise((r) => setTimeout(r, 1500));
    const used = process.cpuUsage(before);
    const busy = (used.user + used.system) / 1000 / (performance.now() - started);
    expect(busy, `share of a core used after the limit: ${busy.toFixed(2)}`).toBeLessThan(0.2);
    const pdf = await renderMinutesPdf(minutesInput(doc(paragraph('بعد المهلة.'))));
    expect(normalize(await pdfText(pdf))).toContain(normalize('بعد المهلة.'));
  });
});
