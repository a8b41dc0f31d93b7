import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitResult, commitUpdates, NOTICE_CONTENT_BYTES } from '../../../db/queries/minutesUpdates.js';
import { loadUpdates } from '../../../db/queries/minutesLog.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { fuzzSeeds, withSeed, type Random } from '../../../shared/testing/seeds.js';
import { minutesText } from '../minutes/readMinutes.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { startTestServer, type TestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, paragraphText, waitFor } from '../test/yClient.js';
import { itNeedsPostgres, postgresUrl } from '../test/needsPostgres.js';

/**
 * A commit's notice carries its row, so the other processes show it without reading the log;
 * the log is still what they trust. Another process is played here by commits made with the
 * same statement, each with or without its notice (a notice lost with a dropped connection).
 */
const databaseUrl = postgresUrl;
let db: TestDatabase;
let a: TestServer;

beforeAll(async () => {
  if (!databaseUrl) return;
  db = await createTestDatabase();
  a = await startTestServer(db);
}, 60_000);
afterAll(async () => {
  await a?.close();
  await db?.drop();
});

describe('rows carried by their notices', () => {
  itNeedsPostgres('multi-node, which runs on Postgres only');

  it('are shown at once; a row whose notice was lost is read as soon as a later row of its writer comes', async () => {
    if (!databaseUrl) return;
    const meetingId = (await a.admin.createMeeting((await a.admin.createGroup()).id)).id;
    const reader = connectYClient(a.url, meetingId, { cookie: a.admin.cookie });
    await waitFor(() => reader.provider.synced, 10_000, 'sync');
    // Two writers of the other process (client ids of their own), kept in step with each other.
    const writers = [424_242, 434_343].map((clientId) => {
      const doc = new Y.Doc();
      doc.clientID = clientId;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
      return doc;
    });
    const [first, second] = writers as [Y.Doc, Y.Doc];
    const commit = async (writer: Y.Doc, notice: boolean, change: () => void) => {
      const before = Y.encodeStateVector(writer);
      change();
      const update = Y.encodeStateAsUpdate(writer, before);
      for (const doc of writers) Y.applyUpdate(doc, update);
      const [outcome] = await commitUpdates(a.server.ctx.db.sql, [{ meetingId, update, owners: [{ clientId: writer.clientID, userId: null }] }], notice);
      return commitResult(meetingId, outcome!);
    };

    // Each writer's first row: its client id is new here, so the row is read (with its owner).
    await commit(first, true, () => appendParagraph(first, 'from the other process'));
    await commit(second, true, () => appendParagraph(second, 'and its second writer'));
    await waitFor(() => reader.text().includes('and its second writer'), 5000, 'the first rows');

    // A row whose notice is lost, then one of the other writer that does not depend on it.
    await commit(first, false, () => appendParagraph(first, 'notice lost'));
    await commit(second, true, () => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('carried by its notice')]);
      second.getXmlFragment(MINUTES_FRAGMENT).insert(0, [paragraph]);
    });
    await waitFor(() => reader.text().includes('carried by its notice'), 5000, 'the carried row');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Shown from the notice alone: nothing read the log, so the lost row is not there yet.
    expect(reader.text()).not.toContain('notice lost');

    // The first writer goes on: Yjs cannot place its row without the lost one before it, so the
    // log is read at once, and brings every row after the last read.
    await commit(first, true, () => {
      const text = paragraphText(first, first.getXmlFragment(MINUTES_FRAGMENT).length - 1);
      text.insert(text.length, ', and found');
    });
    await waitFor(() => reader.text().includes('notice lost, and found'), 5000, 'the lost row');
    expect(reader.doc.getXmlFragment(MINUTES_FRAGMENT).toJSON()).toBe(first.getXmlFragment(MINUTES_FRAGMENT).toJSON());
    expect(await a.admin.minutesText(meetingId)).toBe(reader.text());
    reader.destroy();
  }, 30_000);

  for (const seed of fuzzSeeds([1, 2, 3])) {
    it(`converge with the log whatever notices are lost or too large, seed ${seed}`, async () => {
      if (!databaseUrl) return;
      await withSeed(seed, async (random) => {
        const meetingId = (await a.admin.createMeeting((await a.admin.createGroup()).id)).id;
        const reader = connectYClient(a.url, meetingId, { cookie: a.admin.cookie });
        await waitFor(() => reader.provider.synced, 10_000, 'sync');
        // Three writers of other processes, each seeing the others' rows as they commit them.
        const writers = [1, 2, 3].map((n) => {
          const doc = new Y.Doc();
          doc.clientID = 500_000 + n;
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
          return doc;
        });
        const lost: number[] = [];
        for (let step = 0; step < 30; step++) {
          // A few commits at once (from different writers), now and then one without its notice.
          // Each writer sees the others' rows once they are committed, as a process would.
          const updates: Uint8Array[] = [];
          const commits = [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(writers)))].map((writer) => {
            const before = Y.encodeStateVector(writer);
            randomEdit(writer, random);
            const update = Y.encodeStateAsUpdate(writer, before);
            updates.push(update);
            const notice = !random.chance(0.15);
            return commitUpdates(a.server.ctx.db.sql, [{ meetingId, update, owners: [{ clientId: writer.clientID, userId: null }] }], notice).then(([outcome]) => {
              const id = commitResult(meetingId, outcome!);
              if (!notice) lost.push(id);
            });
          });
          // The reader types too: its own rows are never applied twice.
          if (random.chance(0.3)) appendParagraph(reader.doc, `reader ${step}`);
          await Promise.all(commits);
          for (const doc of writers) for (const update of updates) Y.applyUpdate(doc, update);
          if (random.chance(0.3)) await new Promise((resolve) => setTimeout(resolve, random.int(0, 20)));
        }
        await reader.whenSaved(10_000);
        // What a process does when it may have missed notices (it listens again): read the log.
        await a.server.ctx.registry.current(meetingId)!.catchUp();
        const stored = new Y.Doc();
        for (const row of await loadUpdates(a.server.ctx.db.sql, meetingId)) Y.applyUpdate(stored, row.update);
        const expected = stored.getXmlFragment(MINUTES_FRAGMENT).toJSON();
        await waitFor(() => reader.doc.getXmlFragment(MINUTES_FRAGMENT).toJSON() === expected, 5000, 'the reader to show the stored minutes');
        // Nothing any writer committed is missing (they never saw the reader's paragraphs).
        const shown = new Set(reader.text().split('\n'));
        expect(minutesText(writers[0]!).split('\n').filter((line) => !shown.has(line))).toEqual([]);
        expect(lost.length).toBeGreaterThan(0);
        reader.destroy();
      });
    }, 60_000);
  }
});

/** One writer's edit: a new paragraph, text typed into or deleted from one, or a pasted page. */
function randomEdit(doc: Y.Doc, random: Random): void {
  const fragment = doc.getXmlFragment(MINUTES_FRAGMENT);
  const paragraphs = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'paragraph');
  const roll = random.next();
  if (roll < 0.05) {
    // Larger than a notice takes: its id alone crosses, and the row is read.
    appendParagraph(doc, 'ص'.repeat(NOTICE_CONTENT_BYTES));
  } else if (roll < 0.3 || paragraphs.length === 0) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`${doc.clientID}:${random.int(0, 999)}`)]);
    fragment.insert(random.int(0, fragment.length), [paragraph]);
  } else {
    const text = random.pick(paragraphs).get(0);
    if (!(text instanceof Y.XmlText)) appendParagraph(doc, `${doc.clientID}`);
    else if (text.length > 2 && random.chance(0.25)) text.delete(random.int(0, text.length - 2), 1);
    else text.insert(random.int(0, text.length), String.fromCharCode(0x621 + random.int(0, 25)));
  }
}
