import * as Y from 'yjs';
import type { Sql } from '../../../../db/client.js';
import { loadUpdates } from '../../../../db/queries/minutesLog.js';
import { ARABIC_SENTENCES } from '../../../../server/src/export/pdf/fixtures/arabicText.js';
import { MINUTES_FRAGMENT } from '../../../../shared/editor/schema.js';
import { appendParagraph } from '../../../../server/src/test/yClient.js';

const SAMPLE = ARABIC_SENTENCES;

async function storedDoc(sql: Sql, meetingId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const row of await loadUpdates(sql, meetingId)) Y.applyUpdate(doc, row.update);
  return doc;
}

/**
 * Appends `rows` one-keystroke updates to a meeting's log, as a long uncompacted session leaves
 * it: one person typing a keystroke into each of `lineCount` lines in turn. With 40 lines no two
 * consecutive keystrokes are next to each other, so even Yjs keeps one item per keystroke (the
 * worst case); with 1, they are typed as a person types at one caret.
 */
export async function fillLog(sql: Sql, meetingId: string, rows: number, lineCount = 40): Promise<void> {
  const doc = await storedDoc(sql, meetingId);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const lines = Array.from({ length: lineCount }, (_, i) => appendParagraph(doc, `سطر ${i}: `, 'rtl'));
  for (let k = updates.length; k < rows; k++) {
    const line = lines[k % lines.length]!;
    line.insert(line.length, k % 6 === 5 ? ' ' : 'ك');
  }
  for (let i = 0; i < updates.length; i += 2_000) {
    const batch = updates.slice(i, i + 2_000).map((u) => ({ meetingId, update: Buffer.from(u) }));
    await sql`insert into minutes_updates ${sql(batch, 'meetingId', 'update')}`;
  }
}

/** Replaces a meeting's log by one row holding `pages` pages of Arabic minutes (~3,000 characters a page). */
export async function writeCompacted(sql: Sql, meetingId: string, pages: number): Promise<void> {
  const doc = await storedDoc(sql, meetingId);
  let chars = 0;
  for (let i = 0; chars < pages * 3_000; i++) {
    const text = SAMPLE[i % SAMPLE.length]!;
    appendParagraph(doc, text, 'rtl');
    chars += text.length;
  }
  const state = Y.encodeStateAsUpdate(doc);
  if (doc.getXmlFragment(MINUTES_FRAGMENT).length === 0) throw new Error('empty minutes');
  await sql.begin(async (tx) => {
    await tx`delete from minutes_updates where meeting_id = ${meetingId}`;
    await tx`insert into minutes_updates (meeting_id, update) values (${meetingId}, ${Buffer.from(state)})`;
  });
}

/**
 * On SIGUSR2: collect garbage (needs --expose-gc; twice, so that what finalizers released goes
 * too) and print the resident set size, how many documents are loaded and the JS heap in use.
 */
export function reportMemoryOnSignal(loadedDocuments: () => Promise<number>): void {
  const gc = () => (globalThis as { gc?: () => void }).gc?.();
  process.on('SIGUSR2', () => {
    void (async () => {
      const loaded = await loadedDocuments();
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const m = process.memoryUsage();
      const mb = (n: number) => (n / 1048576).toFixed(0);
      // Where the resident set goes, for whoever reads the benchmark's output.
      process.stderr.write(`server memory: rss ${mb(m.rss)} MB, JS heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB (array buffers ${mb(m.arrayBuffers)} MB)\n`);
      process.stdout.write(`BENCH-RSS ${m.rss} ${loaded} ${m.heapUsed}\n`);
    })();
  });
}
