/**
 * Exports under load: `npm run bench:export-load -- [exports] [sections] [users]` (default 64
 * exports of ~152 pages by 32 users, two each, all at once).
 *
 * Starts a real server on a fresh database (DATABASE_URL's server when set, else embedded), stores
 * Arabic minutes of `sections` sections (140 ≈ 152 pages), then fires the exports while a delegate
 * types (a keystroke, wait for "saved", 20 ms) and a monitor asks /api/healthz every 20 ms.
 * Prints the answers' statuses, keystroke acknowledgement and health latencies (p50/p99/max)
 * and the longest stall of the server's event loop; first the same probes without exports.
 */
import * as Y from 'yjs';
import { longArabicMinutes } from '../server/src/export/pdf/fixtures/sampleMinutes.js';
import { initialMinutesUpdate } from '../server/src/minutes/initialState.js';
import type { ApiClient } from '../server/src/test/apiClient.js';
import { describeLatencies, latenciesDuring } from '../server/src/test/latencyProbe.js';
import { createTestDatabase } from '../server/src/test/testDatabase.js';
import { startTestServer } from '../server/src/test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../server/src/test/yClient.js';

const exports = Math.max(1, Number(process.argv[2] ?? 64) || 64);
const sections = Math.max(1, Number(process.argv[3] ?? 140) || 140);
const users = Math.max(1, Number(process.argv[4] ?? 32) || 32);

const db = await createTestDatabase();
const t = await startTestServer(db, { maxMessageBytes: 16 * 1024 * 1024 });
try {
  const group = await t.admin.createGroup();
  const meeting = await t.admin.createMeeting(group.id);
  const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
  await waitFor(() => editor.provider.synced, 10_000, 'sync');
  const update = initialMinutesUpdate(longArabicMinutes(sections));
  Y.applyUpdate(editor.doc, update);
  await editor.whenSaved(120_000);
  // One at a time: each costs two scrypt hashes.
  const exporters: ApiClient[] = [];
  for (let i = 0; i < users; i++) exporters.push((await t.admin.addMember(group.id, 'delegate', `exporter ${i}`)).client);
  const line = appendParagraph(editor.doc, 'أثناء التصدير:');
  await editor.whenSaved();
  const limits = t.server.ctx.pdf.limits;
  console.log(`${exports} exports of ${sections} sections (${(update.byteLength / 1024).toFixed(0)} KiB of minutes) by ${users} users, Node ${process.version}`);
  console.log(`limits: ${JSON.stringify(limits)}`);

  const quiet = await latenciesDuring(new Promise((r) => setTimeout(r, 5000)), { url: t.url, typists: [{ editor, line }] });
  console.log(`\nwithout exports (5 s): ${describeLatencies(quiet)}`);

  const started = performance.now();
  const answers = Promise.all(
    Array.from({ length: exports }, async (_, i) => {
      const res = await fetch(`${t.url}/api/meetings/${meeting.id}/minutes.pdf`, { headers: { cookie: exporters[i % users]!.cookie! } });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    }),
  );
  const loaded = await latenciesDuring(answers, { url: t.url, typists: [{ editor, line }] });
  const byStatus = new Map<number, number[]>();
  for (const a of loaded.result) byStatus.set(a.status, [...(byStatus.get(a.status) ?? []), a.ms]);
  console.log(`\nduring the exports (${((performance.now() - started) / 1000).toFixed(1)} s): ${describeLatencies(loaded)}`);
  for (const [status, times] of [...byStatus].sort(([a], [b]) => a - b)) {
    console.log(`  ${status}: ${times.length} answers, the first after ${Math.min(...times).toFixed(0)} ms, the last after ${Math.max(...times).toFixed(0)} ms`);
  }
  editor.destroy();
} finally {
  await t.close();
  await db.drop();
}
