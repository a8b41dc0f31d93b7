import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { appendUpdate } from '../../../db/queries/minutesUpdates.js';
import { countUpdates, loadUpdates, logPart, planLogRead, readLog, type UpdateRow } from '../../../db/queries/minutesLog.js';
import { replaceUpdates } from '../../../db/queries/minutesCompaction.js';
import { replayLog } from './replayLog.js';
import { useMigratedDatabase } from '../test/migratedDatabase.js';
import { DATABASE_KINDS, useTestDatabases } from '../test/testDatabase.js';
import { mergeRows } from './postgresDocumentStore.js';
import { storedText } from '../test/storedMinutes.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';
import { itNeedsPostgres } from '../test/needsPostgres.js';


const t = useTestServer();

describe('compacting the stored log', () => {
  it('keeps the content and shrinks the log to one row', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const client = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => client.provider.synced, 5000, 'sync');
    const text = appendParagraph(client.doc, 'بداية');
    for (let i = 0; i < 40; i++) {
      text.insert(text.length, ` كلمة${i}`);
      if (i % 10 === 9) text.delete(0, 1);
      await client.whenSaved();
    }
    const sql = t.server.ctx.db.sql;
    const before = await countUpdates(sql, meeting.id);
    expect(before).toBeGreaterThan(40);
    const expected = client.text();
    client.destroy();

    expect(await t.server.ctx.store.compact(meeting.id)).toEqual({ before, after: 1, fromMemory: false });
    expect(await countUpdates(sql, meeting.id)).toBe(1);
    expect(await storedText(sql, meeting.id)).toBe(expected);
  });

  /** A meeting with a paragraph typed into word by word, a row each; its client still open. */
  async function typedMeeting(first: string) {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const client = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => client.provider.synced, 5000, 'sync');
    const text = appendParagraph(client.doc, first);
    for (let i = 0; i < 20; i++) {
      text.insert(text.length, ` a${i}`);
      await client.whenSaved();
    }
    return { meeting, client, text };
  }

  it('does not lose a write that lands while it runs', async () => {
    const { meeting, client, text } = await typedMeeting('Concurrent:');
    const sql = t.server.ctx.db.sql;
    // Type while compactions run back to back.
    const typing = (async () => {
      for (let i = 0; i < 30; i++) {
        text.insert(text.length, ` b${i}`);
        await new Promise((r) => setTimeout(r, 3));
      }
      await client.whenSaved();
    })();
    const compactions = (async () => {
      for (let i = 0; i < 5; i++) await t.server.ctx.store.compact(meeting.id);
    })();
    await Promise.all([typing, compactions]);
    const expected = client.text();
    expect(expected).toContain('b29');
    client.destroy();
    expect(await storedText(sql, meeting.id)).toBe(expected);
  });

  /** A meeting typed into (its client still open) and a compaction of it paused in its merge. */
  async function compactionPausedInMerge(part?: number) {
    const { meeting, client, text } = await typedMeeting('Merging:');
    const sql = t.server.ctx.db.sql;
    const rows = await countUpdates(sql, meeting.id);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let merging!: () => void;
    const started = new Promise<void>((resolve) => (merging = resolve));
    const compaction = replaceUpdates(sql, meeting.id, async (read) => {
      merging();
      await gate;
      return mergeRows(read);
    }, part);
    await started;
    return { meetingId: meeting.id, client, text, rows, compaction, release };
  }

  it.each([
    { part: undefined, deleted: 'with the merged row going in' },
    { part: 4, deleted: 'four per commit after it' },
  ])('keeps a write that commits while it merges (the rows merged deleted $deleted): the log is not held meanwhile', async ({ part }) => {
    const { meetingId, client, text, rows, compaction, release } = await compactionPausedInMerge(part);
    // On the embedded database (one session) this commit waited for the whole compaction when
    // the merge ran inside its transaction; here the compaction waits for it.
    text.insert(text.length, ' late');
    await client.whenSaved();
    release();
    expect(rows).toBeGreaterThan(4 * 4);
    expect(await compaction).toEqual({ before: rows, after: 1 });
    const sql = t.server.ctx.db.sql;
    expect(await countUpdates(sql, meetingId)).toBe(2);
    expect(await storedText(sql, meetingId)).toBe(client.text());
    client.destroy();
  });

  it('changes nothing when another compaction swapped the same rows first', async () => {
    const { meetingId, client, text, rows, compaction, release } = await compactionPausedInMerge();
    expect(await t.server.ctx.store.compact(meetingId)).toEqual({ before: rows, after: 1, fromMemory: false });
    text.insert(text.length, ' after');
    await client.whenSaved();
    release();
    expect(await compaction).toEqual({ before: rows, after: rows });
    const sql = t.server.ctx.db.sql;
    // The other's merged row and the write after it; not a second copy of the merged rows.
    expect(await countUpdates(sql, meetingId)).toBe(2);
    expect(await storedText(sql, meetingId)).toBe(client.text());
    client.destroy();
  });

  it('merges in slices and lets everything else run between them', async () => {
    const doc = new Y.Doc();
    const rows: UpdateRow[] = [];
    doc.on('update', (update: Uint8Array) => rows.push({ id: String(rows.length + 1), update }));
    for (let i = 0; i < 1000; i++) doc.getText('t').insert(i, i % 7 ? 'ب' : ' ');
    let ticks = 0;
    let merging = true;
    const tick = () => {
      if (!merging) return;
      ticks++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const merged = await mergeRows(rows, 100);
    merging = false;
    expect(ticks).toBeGreaterThanOrEqual(9);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, merged);
    expect(copy.getText('t').toString()).toBe(doc.getText('t').toString());
  });
});

// On each database: CI sets DATABASE_URL, and the test server above then runs on Postgres only,
// where a compaction holding its transaction through the merge never blocked a write.
const databases = useTestDatabases();
describe.each(DATABASE_KINDS)('a compaction paused in its merge (%s database)', (kind) => {
  const database = useMigratedDatabase(databases, kind);

  it('does not hold the log: a row appended meanwhile commits at once, and is kept', async () => {
    const { sql } = database.db;
    const meetingId = await database.meeting();
    const doc = new Y.Doc();
    const text = doc.getText('t');
    for (let i = 0; i < 10; i++) {
      const before = Y.encodeStateVector(doc);
      text.insert(i, 'ب');
      await appendUpdate(sql, meetingId, Y.encodeStateAsUpdate(doc, before));
    }
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let merging!: () => void;
    const started = new Promise<void>((resolve) => (merging = resolve));
    const compaction = replaceUpdates(sql, meetingId, async (rows) => {
      merging();
      await gate;
      return mergeRows(rows);
    });
    await started;
    // On the embedded database (one session) this waited for the compaction, which waited for it.
    const before = Y.encodeStateVector(doc);
    text.insert(0, 'late ');
    await appendUpdate(sql, meetingId, Y.encodeStateAsUpdate(doc, before));
    release();
    expect(await compaction).toEqual({ before: 10, after: 1 });
    expect(await countUpdates(sql, meetingId)).toBe(2);
    const stored = new Y.Doc();
    replayLog(stored, (await loadUpdates(sql, meetingId)).map((r) => r.update), null);
    expect(stored.getText('t').toString()).toBe(text.toString());
  }, 15_000);
});

describe('opening the stored log', () => {
  /** A meeting typed into row by row (some rows long); its rows as stored. */
  async function typedLog(lines: number) {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const client = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => client.provider.synced, 5000, 'sync');
    const text = appendParagraph(client.doc, 'سطر');
    for (let i = 0; i < lines; i++) {
      text.insert(text.length, i % 2 ? 'ب' : ' word '.repeat(i * 40));
      await client.whenSaved();
    }
    client.destroy();
    return { meetingId: meeting.id, rows: await loadUpdates(t.server.ctx.db.sql, meeting.id) };
  }
  const hex = (updates: Uint8Array[]) => updates.map((u) => Buffer.from(u).toString('hex'));

  it('reads every row in order, byte for byte, in parts, with the id of the last row', async () => {
    const { meetingId, rows } = await typedLog(30);
    expect(rows.length).toBeGreaterThan(30);
    const parts: Uint8Array[][] = [];
    const position = await readLog(t.server.ctx.db.sql, meetingId, (part) => void parts.push(part), 7);
    expect(parts.map((p) => p.length)).toEqual([...Array(Math.floor(rows.length / 7)).fill(7), ...(rows.length % 7 ? [rows.length % 7] : [])]);
    expect(hex(parts.flat())).toEqual(hex(rows.map((r) => r.update)));
    expect(position).toBe(Number(rows.at(-1)!.id));
    // The store reads the same, in parts of its own size.
    const whole: Uint8Array[] = [];
    expect(await t.server.ctx.store.open(meetingId, (part) => void whole.push(...part))).toBe(position);
    expect(hex(whole)).toEqual(hex(rows.map((r) => r.update)));
  });

  it('reads one snapshot: a compaction that commits between two parts neither hides rows nor shows them twice', async () => {
    const { meetingId, rows } = await typedLog(40);
    const parts: Uint8Array[][] = [];
    let compaction: Promise<unknown> | undefined;
    await readLog(
      t.server.ctx.db.sql,
      meetingId,
      (part) => {
        parts.push(part);
        // On Postgres the compaction commits on another connection while the parts go on.
        compaction ??= t.server.ctx.store.compact(meetingId);
      },
      1,
    );
    await compaction;
    expect(hex(parts.flat())).toEqual(hex(rows.map((r) => r.update)));
    expect(await countUpdates(t.server.ctx.db.sql, meetingId)).toBe(1);
  });

  it('finds each part of a long log by its index: a part reads its own rows, not the rest of the log again', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const sql = t.server.ctx.db.sql;
    // A log of 3,000 rows, read in parts of 300 (the contents do not matter to the plan).
    await sql`insert into minutes_updates (meeting_id, update) select ${meeting.id}, '\\x00'::bytea from generate_series(1, 3000)`;
    interface PlanNode {
      'Node Type': string;
      'Relation Name'?: string;
      'Actual Rows': number;
      Plans?: PlanNode[];
    }
    const tableScans = (node: PlanNode): PlanNode[] => [
      ...(node['Relation Name'] === 'minutes_updates' ? [node] : []),
      ...(node.Plans ?? []).flatMap(tableScans),
    ];
    for (const afterId of [0, Number((await loadUpdates(sql, meeting.id)).at(1500)!.id)]) {
      const scans = await sql.begin('isolation level repeatable read read only', async (tx) => {
        await planLogRead(tx);
        const [row] = await tx<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>`explain (analyze, format json) ${logPart(tx, meeting.id, afterId, 300)}`;
        return tableScans(row!['QUERY PLAN'][0].Plan);
      });
      expect(scans.length).toBeGreaterThan(0);
      for (const scan of scans) expect(scan['Actual Rows'], `${scan['Node Type']} after row ${afterId}`).toBeLessThanOrEqual(300);
    }
  });

  it('of a meeting without rows is empty, at position 0', async () => {
    const parts: Uint8Array[][] = [];
    expect(await t.server.ctx.store.open(crypto.randomUUID(), (part) => void parts.push(part))).toBe(0);
    expect(parts).toEqual([]);
  });
});

describe('a log that cannot be applied', () => {
  it('fails the read at the part that does not apply, with nothing unhandled, and leaves the connection usable', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const sql = t.server.ctx.db.sql;
    for (let i = 0; i < 5; i++) await sql`insert into minutes_updates (meeting_id, update) values (${meeting.id}, ${Buffer.from([i])})`;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const seen: number[] = [];
      await expect(
        readLog(
          sql,
          meeting.id,
          (part) => {
            seen.push(part.length);
            throw new Error('damaged');
          },
          2,
        ),
      ).rejects.toThrow('damaged');
      expect(seen).toEqual([2]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
      // The connection is usable afterwards (the transaction was rolled back, not left open).
      expect(await countUpdates(sql, meeting.id)).toBe(6);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('committing', () => {
  itNeedsPostgres('a commit connection of its own, which the single-connection embedded database has not');

  it("does not wait for a free connection: a keystroke's commit has its own while every pooled one is busy (Postgres server)", async () => {
    // The embedded database has one connection for everything; the multi-connection case is CI's Postgres.
    if (t.server.ctx.db.kind !== 'external') return;
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const sql = t.server.ctx.db.sql;
    // Every pooled connection taken (exports reading long logs, searches...), and more waiting.
    const busy = Array.from({ length: 12 }, () => sql`select pg_sleep(1.5)`.execute());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'saved while the pool is busy');
    const started = performance.now();
    await t.server.ctx.store.append(meeting.id, Y.encodeStateAsUpdate(doc));
    const took = performance.now() - started;
    await Promise.all(busy);
    expect(took, `the commit took ${took.toFixed(0)} ms`).toBeLessThan(700);
  });
});
