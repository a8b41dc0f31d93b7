import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { appendUpdate } from '../../../db/queries/minutesUpdates.js';
import { countUpdates, loadUpdates } from '../../../db/queries/minutesLog.js';
import { replaceHeldUpdates, replaceUpdates } from '../../../db/queries/minutesCompaction.js';
import { fuzzSeeds, seededClientIds, withSeed, type Random } from '../../../shared/testing/seeds.js';
import { useMigratedDatabase } from '../test/migratedDatabase.js';
import { DATABASE_KINDS, useTestDatabases } from '../test/testDatabase.js';
import { mergeRows } from './postgresDocumentStore.js';
import { replayLog } from './replayLog.js';

/**
 * Compactions racing each other and the writers of a log, in seeded random orders, on each
 * database: each compaction reads the rows (or holds them, as a loaded document), merges them over a random number of turns of the
 * event loop (and in slices), and swaps them with its deletions in parts of random size, while
 * writers append and other compactions read, merge and swap. Whatever the interleaving, the log
 * must stay the document of every row ever appended. (The database's timing is not seeded: a
 * seed replays the same steps, not always the same interleaving.)
 */
const STEPS = Number(process.env.FUZZ_STEPS ?? 80);
const databases = useTestDatabases();

describe.each(DATABASE_KINDS)('compaction among writers and other compactions (%s database)', (kind) => {
  const database = useMigratedDatabase(databases, kind);
  const meeting = () => database.meeting();

  const turn = () => new Promise((resolve) => setImmediate(resolve));

  /**
   * A compaction whose pace is drawn now, so that the seed's sequence of draws does not depend on
   * timing. Half of them as the compactor does for a loaded document (replaceHeldUpdates): the
   * state of a document that read the log, naming the rows it holds by a position and, after it,
   * a list, while the writers go on appending.
   */
  async function compaction(random: Random, meetingId: string) {
    const turns = random.int(0, 6);
    const slice = random.int(1, 8);
    const part = random.int(1, 6);
    const fromMemory = random.chance(0.5);
    const listed = random.int(0, 4);
    if (fromMemory) {
      const rows = await loadUpdates(database.db.sql, meetingId);
      const update = await mergeRows(rows, slice);
      for (let i = 0; i < turns; i++) await turn();
      const ids = rows.map((r) => Number(r.id));
      const upTo = ids.length > listed ? ids[ids.length - 1 - listed]! : 0;
      return replaceHeldUpdates(database.db.sql, meetingId, { update, upTo, also: ids.filter((id) => id > upTo) }, part);
    }
    return replaceUpdates(
      database.db.sql,
      meetingId,
      async (rows) => {
        for (let i = 0; i < turns; i++) await turn();
        return mergeRows(rows, slice);
      },
      part,
    );
  }

  for (const seed of fuzzSeeds([1, 2])) {
    it(`leaves the document of every row appended, whatever the interleaving (seed ${seed})`, () =>
      withSeed(seed, async (random) => {
        const meetingId = await meeting();
        // Three writers, each appending its own edits in order (as one document's pipeline does),
        // with client ids from the seed (Yjs orders concurrent insertions by them).
        const ids = seededClientIds(random, 3);
        const writers = ['أ', 'b', 'ج'].map((letter, i) => {
          const doc = new Y.Doc();
          doc.clientID = ids[i]!;
          return { letter, doc };
        });
        const everything = new Y.Doc();
        const running: Promise<{ before: number; after: number }>[] = [];
        for (let step = 0; step < STEPS; step++) {
          if (random.chance(0.2)) running.push(compaction(random, meetingId));
          const { letter, doc } = random.pick(writers);
          const text = doc.getText('t');
          const before = Y.encodeStateVector(doc);
          if (text.length > 3 && random.chance(0.25)) text.delete(random.int(0, text.length - 2), 2);
          else text.insert(random.int(0, text.length), letter.repeat(random.int(1, 3)));
          const update = Y.encodeStateAsUpdate(doc, before);
          Y.applyUpdate(everything, update);
          await appendUpdate(database.db.sql, meetingId, update);
          if (random.chance(0.3)) await turn();
        }
        const outcomes = await Promise.all(running);
        // One last compaction, alone, leaves one row.
        expect((await compaction(random, meetingId)).after).toBe(1);
        expect(await countUpdates(database.db.sql, meetingId)).toBe(1);

        const stored = new Y.Doc();
        replayLog(stored, (await loadUpdates(database.db.sql, meetingId)).map((r) => r.update), null);
        expect(stored.getText('t').toString()).toBe(everything.getText('t').toString());
        expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(everything));
        // The run raced what it claims to: compactions that swapped while others were running.
        expect(outcomes.filter((o) => o.after === 1 && o.before > 1).length).toBeGreaterThan(0);
      }),
    );
  }
});
