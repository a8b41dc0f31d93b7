/**
 * The cost of one commit statement (issue 13): `npm run bench:commit -- [statements]` (default
 * 2,000 per case) on the embedded database (PGlite, in its worker thread, over its socket, as
 * the server runs it), or on `DATABASE_URL` (a new database there, dropped at the end).
 *
 * Every keystroke a server acknowledges waits for one of these (commitUpdates: the group commit
 * of one or more documents), and on the embedded database they run one at a time on its only
 * connection. Times, per case, a statement's round trip: one document or ten in a batch, with
 * no client id claimed (typing) or one claimed per document (a client's first edit), next to
 * `select 1` (the round trip alone). The cases take turns in five rounds; each figure is the
 * median of the rounds' means, in µs (the machine is shared: compare runs by their ratios).
 */
import { randomInt } from 'node:crypto';
import os from 'node:os';
import * as Y from 'yjs';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { commitResult, commitUpdates, type Commit } from '../db/queries/minutesUpdates.js';
import { createTestDatabase } from '../server/src/test/freshDatabase.js';

const statements = Number(process.argv[2] ?? 2_000);
const ROUNDS = 5;
const database = await createTestDatabase();
const db = await openDatabase(database);
await migrate(db.sql);
const [group] = await db.sql<{ id: string }[]>`insert into groups (name_ar, name_en) values ('فريق القياس', 'Bench group') returning id`;
const meetings = await db.sql<{ id: string }[]>`
  insert into meetings (group_id, title_ar, title_en, starts_at)
  select ${group!.id}, 'اجتماع ' || i, 'Meeting ' || i, now() from generate_series(1, 10) i returning id`;

/**
 * A keystroke's update as a typist's client sends it (one character at the end of its line).
 * The same bytes every time, made once: only the statement is timed, and the database stores
 * the bytes without reading them.
 */
const KEYSTROKE = (() => {
  const typist = new Y.Doc();
  const line = typist.getText('bench');
  line.insert(0, 'سطر 1: ');
  const before = Y.encodeStateVector(typist);
  line.insert(line.length, 'ك');
  return Y.encodeStateAsUpdate(typist, before);
})();

const batch = (documents: number, claims: boolean): Commit[] =>
  meetings.slice(0, documents).map((m) => ({
    meetingId: m.id,
    update: KEYSTROKE,
    // A new client id each time: a claim that inserts its row, as a client's first edit does.
    owners: claims ? [{ clientId: randomInt(1, 2 ** 31), userId: null }] : [],
  }));

const commitSql = db.commitSql;
const CASES: [string, () => Promise<unknown>][] = [
  ['select 1 (the round trip alone)', () => commitSql`select 1`],
  ['1 document, typing', () => commit(batch(1, false))],
  ['1 document, a client id claimed', () => commit(batch(1, true))],
  ['10 documents, typing', () => commit(batch(10, false))],
  ['10 documents, a client id claimed each', () => commit(batch(10, true))],
];

async function commit(commits: Commit[]): Promise<void> {
  const outcomes = await commitUpdates(commitSql, commits, db.kind === 'external');
  // Refused or missing would time a statement that wrote nothing.
  commits.forEach((c, i) => commitResult(c.meetingId, outcomes[i]!));
}

const means = new Map<string, number[]>(CASES.map(([label]) => [label, []]));
const perRound = Math.ceil(statements / ROUNDS);
for (const [, run] of CASES) for (let i = 0; i < 200; i++) await run();
for (let round = 0; round < ROUNDS; round++) {
  for (const [label, run] of CASES) {
    const started = performance.now();
    for (let i = 0; i < perRound; i++) await run();
    means.get(label)!.push(((performance.now() - started) / perRound) * 1000);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${db.kind === 'embedded' ? 'embedded (PGlite)' : 'Postgres (DATABASE_URL)'}, ${perRound * ROUNDS} statements per case, load average ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`${'case'.padEnd(40)} ${'µs per statement'.padStart(17)}`);
for (const [label, values] of means) console.log(`${label.padEnd(40)} ${median(values).toFixed(0).padStart(17)}`);

await db.close();
await database.drop();
