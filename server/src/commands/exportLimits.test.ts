import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { appendUpdate } from '../../../db/queries/minutesUpdates.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { longArabicMinutes } from '../export/pdf/fixtures/sampleMinutes.js';
import { normalize, pdfInfo, pdfText } from '../export/pdf/fixtures/pdfTools.js';
import { initialMinutesUpdate } from '../minutes/initialState.js';
import type { ApiClient } from '../test/apiClient.js';
import { describeLatencies, latenciesDuring } from '../test/latencyProbe.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

// One renderer and room for two more exports; two exports per user. The size cap is the default;
// the time limit is doubled, for machines busy with other work (the renderer yields to it).
const t = useTestServer({ maxMessageBytes: 1024 * 1024, pdfExport: { workers: 1, queue: 2, perUser: 2, timeoutMs: 60_000 } });

interface Answer {
  status: number;
  retryAfter: string | null;
  body: Uint8Array;
  /** ms from the start of the test's clock. */
  at: number;
}

const clock = performance.now();

async function exportPdf(client: ApiClient, meetingId: string): Promise<Answer> {
  const res = await fetch(`${t.url}/api/meetings/${meetingId}/minutes.pdf`, { headers: { cookie: client.cookie! } });
  const body = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body, at: performance.now() - clock };
}

const isPdf = (a: Answer) => a.status === 200 && new TextDecoder().decode(a.body.subarray(0, 5)) === '%PDF-';
const errorOf = (a: Answer) => (JSON.parse(new TextDecoder().decode(a.body)) as { error: { code: string; message: string } }).error;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function meetingWithMinutes(update: Uint8Array): Promise<{ groupId: string; meetingId: string }> {
  const group = await t.admin.createGroup();
  const meeting = await t.admin.createMeeting(group.id);
  const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
  await waitFor(() => editor.provider.synced, 5000, 'sync');
  Y.applyUpdate(editor.doc, update);
  await editor.whenSaved(20_000);
  editor.destroy();
  return { groupId: group.id, meetingId: meeting.id };
}

describe('PDF export limits', () => {
  it("refuses a user's third export at once (429) and, with the queue full, anyone's (503), both with Retry-After; the others are served", async () => {
    const { groupId, meetingId } = await meetingWithMinutes(initialMinutesUpdate(longArabicMinutes(20)));
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(async (name) => (await t.admin.addMember(groupId, 'delegate', name)).client));

    // One export compiles and two wait: the renderer and its queue are full.
    const running = [exportPdf(a!, meetingId), exportPdf(a!, meetingId)];
    await pause(150);
    running.push(exportPdf(b!, meetingId));
    await pause(150);
    const thirdOfA = await exportPdf(a!, meetingId);
    const firstOfC = await exportPdf(c!, meetingId);
    const served = await Promise.all(running);

    expect(thirdOfA).toMatchObject({ status: 429 });
    expect(errorOf(thirdOfA)).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/2 PDF exports in progress.*Try again in \d+ seconds?\./) });
    expect(firstOfC).toMatchObject({ status: 503 });
    expect(errorOf(firstOfC)).toMatchObject({ code: 'unavailable' });
    for (const refused of [thirdOfA, firstOfC]) {
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      // Refused before any work: answered while the first export was still compiling.
      expect(refused.at).toBeLessThan(Math.min(...served.map((s) => s.at)));
    }
    expect(served.every(isPdf)).toBe(true);
    // Places are given back: everyone may export again.
    for (const client of [a!, c!]) expect(isPdf(await exportPdf(client, meetingId))).toBe(true);
  }, 120_000);

  it('refuses minutes above the size cap with 413 at once, without reading them', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    // 20 MB of minutes, stored as a client would have sent them, a megabyte at a time.
    const doc = new Y.Doc();
    for (let i = 0; i < 20; i++) {
      const before = Y.encodeStateVector(doc);
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      doc.transact(() => {
        paragraph.insert(0, [text]);
        doc.getXmlFragment(MINUTES_FRAGMENT).push([paragraph]);
        text.insert(0, `${i} مقاتل الصحراء `.repeat(40_000));
      });
      await appendUpdate(t.server.ctx.db.sql, meeting.id, Y.encodeStateAsUpdate(doc, before));
    }
    doc.destroy();

    const started = performance.now();
    const answer = await exportPdf(t.admin, meeting.id);
    expect(answer.status).toBe(413);
    expect(errorOf(answer)).toMatchObject({ code: 'too_large', message: expect.stringMatching(/too large to export as PDF \(2\d\.\d MB; at most 4\.0 MB\)/) });
    expect(performance.now() - started).toBeLessThan(2000);
  }, 60_000);

  it('exports a word of 200,000 characters in a bounded time without ever blocking the server', async () => {
    const word = 'مقاتلالصحراء'.repeat(16_667);
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, word);
    const line = appendParagraph(editor.doc, 'أثناء التصدير:');
    await editor.whenSaved(20_000);

    const started = performance.now();
    const measured = await latenciesDuring(exportPdf(t.admin, meeting.id), { url: t.url, typists: [{ editor, line }] });
    const seconds = (performance.now() - started) / 1000;
    const report = `${seconds.toFixed(1)} s; ${describeLatencies(measured)}`;
    console.info(`200,000-character word: ${report}`);
    expect(isPdf(measured.result), report).toBe(true);
    // About 2 s on a quiet machine; within the renderer's time limit in any case.
    expect(seconds, report).toBeLessThan(60);
    // Reading, splitting and typesetting happen in the renderer process: the server's event
    // loop never stops for long (splitting the word on it took 20 s).
    expect(measured.loopDelayMaxMs, report).toBeLessThan(500);
    const pdf = measured.result.body;
    const { pages } = await pdfInfo(pdf);
    expect(pages).toBeGreaterThan(20);
    // The word is all there: every repetition of its twelve letters, but for one a page where the
    // page's header and footer come between two of its lines.
    const repetitions = normalize(await pdfText(pdf)).split('مقاتلالصحراء').length - 1;
    expect(repetitions).toBeGreaterThanOrEqual(16_667 - pages);
    expect(repetitions).toBeLessThanOrEqual(16_667);
    editor.destroy();
  }, 120_000);
});
