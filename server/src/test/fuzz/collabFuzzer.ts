import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import * as Y from 'yjs';
import { loadUpdates } from '../../../../db/queries/minutesLog.js';
import { seededRandom, type Random } from '../../../../shared/testing/seeds.js';
import { ApiClient } from '../apiClient.js';
import { rssBytes, spawnServer, type ServerProcess } from '../serverProcess.js';
import { createTestDatabase } from '../testDatabase.js';
import { ADMIN } from '../testServer.js';
import { appendParagraph, connectYClient, type YClient } from '../yClient.js';
import { storedDocumentProblems } from './documentHealth.js';
import { nextFrame, type CorpusContext } from './frameCorpus.js';
import { FuzzLane } from './fuzzLane.js';

export interface CollabFuzzOptions {
  frames: number;
  seed: number;
  /** Frames between two rounds of checks. */
  batchSize?: number;
  /** A new meeting after this many frames (delegates may legitimately grow a document). */
  framesPerMeeting?: number;
  maxRssBytes?: number;
  healthLimitMs?: number;
  /** Largest collab message of the server under test. */
  maxMessageBytes?: number;
  log?: (line: string) => void;
  /** Extra environment of the server process (e.g. LOG_LEVEL=warn), and where its log lines go. */
  serverEnv?: Record<string, string>;
  serverLog?: (line: string) => void;
}

export interface CollabFuzzReport {
  seed: number;
  frames: number;
  seconds: number;
  crashes: number;
  /** Meetings whose stored minutes stopped being valid or readable, with why. */
  poisoned: string[];
  /** Other failed checks: the honest editor not saving, health too slow, memory over the bound. */
  failures: string[];
  stalls: number;
  connections: number;
  startRssBytes: number;
  maxRssBytes: number;
  maxHealthMs: number;
  maxHonestSaveMs: number;
  /** The batch after which the honest editor's save took longest (to replay and look at it). */
  slowestSaveBatch: number;
  /** Unexpected errors the server logged (handler failures, dropped documents). */
  serverErrors: Record<string, number>;
  closeCodes: Record<string, number>;
  /** How the server closed the honest editor's connection (it reconnects after transient ones). */
  honestCloses: string[];
  kinds: Record<string, number>;
}

const ROLES = [
  ['delegate', 30],
  ['observer', 30],
  ['secretary', 15],
  ['non-member', 12],
  ['anonymous', 13],
] as const;
type Role = (typeof ROLES)[number][0];

function pickRole(random: Random): Role {
  let roll = random.next() * 100;
  for (const [role, weight] of ROLES) if ((roll -= weight) < 0) return role;
  return 'delegate';
}

/**
 * Sends `frames` seeded hostile frames to a real server process (child, so that a crash is seen
 * and its memory measured) as every role, and checks after each batch: the process is alive,
 * health answers within the limit, an honest y-websocket editor still gets its edits saved and
 * sees what is stored, the stored minutes replay and read through the schema, and memory stays
 * under the bound. At the end the server is restarted and every meeting must read the same.
 */
export async function runCollabFuzz(options: CollabFuzzOptions): Promise<CollabFuzzReport> {
  const { frames, seed, batchSize = 500, framesPerMeeting = 10_000, maxRssBytes = 1536 * 1024 * 1024, healthLimitMs = 200 } = options;
  const log = options.log ?? (() => {});
  const started = performance.now();
  const db = await createTestDatabase();
  const sql = db.databaseUrl ? postgres(db.databaseUrl, { max: 1, onnotice: () => {} }) : null;
  const env: Record<string, string> = { ...(options.maxMessageBytes ? { MAX_MESSAGE_BYTES: String(options.maxMessageBytes) } : {}), ...options.serverEnv };
  let server: ServerProcess = await spawnServer(db, 0, env);
  const report: CollabFuzzReport = {
    seed, frames: 0, seconds: 0, crashes: 0, poisoned: [], failures: [], stalls: 0, connections: 0,
    startRssBytes: await rssBytes(server.child.pid!), maxRssBytes: 0, maxHealthMs: 0, maxHonestSaveMs: 0, slowestSaveBatch: 0,
    serverErrors: {}, closeCodes: {}, honestCloses: [], kinds: {},
  };
  const countErrors = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line) options.serverLog?.(line);
      const event = /"level":"error","event":"([^"]+)"/.exec(line)?.[1];
      if (event) report.serverErrors[event] = (report.serverErrors[event] ?? 0) + 1;
    }
  };
  server.child.stderr!.on('data', countErrors);

  const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  const group = await admin.createGroup();
  const cookies: Record<Role, string | undefined> = {
    delegate: (await admin.addMember(group.id, 'delegate', 'Fuzz delegate')).client.cookie,
    observer: (await admin.addMember(group.id, 'observer', 'Fuzz observer')).client.cookie,
    secretary: (await admin.addMember(group.id, 'secretary', 'Fuzz secretary')).client.cookie,
    'non-member': await nonMemberCookie(admin),
    anonymous: undefined,
  };
  const honestCookie = (await admin.addMember(group.id, 'secretary', 'Honest secretary')).client.cookie;
  const random = seededRandom(seed);
  const meetings = new Map<string, string>();

  let meetingId = '';
  let honest: YClient | undefined;
  let lanes = new Map<Role, FuzzLane>();
  let ctx: CorpusContext;
  const openMeeting = async () => {
    for (const lane of lanes.values()) collectLane(report, lane);
    honest?.destroy();
    meetingId = (await admin.createMeeting(group.id)).id;
    honest = connectYClient(server.url, meetingId, { cookie: honestCookie, name: 'Honest' });
    honest.provider.on('connection-close', (event) => {
      if (event) report.honestCloses.push(`${event.code} ${event.reason}`);
    });
    appendParagraph(honest.doc, 'The honest secretary opens the minutes.');
    await honest.whenSaved(10_000);
    lanes = new Map(ROLES.map(([role]) => [role, new FuzzLane(`${server.url.replace(/^http/, 'ws')}/collab/${meetingId}`, cookies[role])]));
    ctx = corpusContext(honest.doc, options.maxMessageBytes ?? 1024 * 1024);
  };
  await openMeeting();

  try {
    for (let batch = 1; report.frames < frames; batch++) {
      const n = Math.min(batchSize, frames - report.frames);
      const planned = new Map<Role, { data: Uint8Array | string; early: boolean }[]>(ROLES.map(([role]) => [role, []]));
      for (let i = 0; i < n; i++) {
        const role = pickRole(random);
        const frame = nextFrame(random, ctx!);
        report.kinds[frame.kind] = (report.kinds[frame.kind] ?? 0) + 1;
        planned.get(role)!.push({ data: frame.data, early: role === 'non-member' || role === 'anonymous' || random.chance(0.03) });
      }
      await Promise.all([...planned].map(async ([role, list]) => {
        for (const { data, early } of list) await lanes.get(role)!.send(data, early);
      }));
      report.frames += n;

      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        report.crashes++;
        report.failures.push(`batch ${batch}: the server process ended (${server.child.exitCode ?? server.child.signalCode})`);
        break;
      }
      const line = `Honest line ${batch}: ما زال المحضر يحفظ`;
      const saveStart = performance.now();
      appendParagraph(honest!.doc, line);
      try {
        await honest!.whenSaved(10_000);
        const saveMs = performance.now() - saveStart;
        if (saveMs > report.maxHonestSaveMs) {
          report.maxHonestSaveMs = saveMs;
          report.slowestSaveBatch = batch;
        }
      } catch {
        report.failures.push(`batch ${batch}: the honest editor's edit was not saved within 10 s`);
      }
      const healthStart = performance.now();
      const health = await fetch(`${server.url}/api/healthz`);
      const healthMs = performance.now() - healthStart;
      report.maxHealthMs = Math.max(report.maxHealthMs, healthMs);
      if (health.status !== 200 || healthMs > healthLimitMs) report.failures.push(`batch ${batch}: health ${health.status} in ${healthMs.toFixed(0)} ms`);

      const problems = await minutesProblems(admin, sql, meetingId, honest!, line, Y.getState(honest!.doc.store, honest!.doc.clientID));
      if (problems.length > 0) report.poisoned.push(`meeting ${meetingId} after batch ${batch}: ${problems.join('; ')}`);
      else meetings.set(meetingId, await admin.minutesText(meetingId));
      const rss = await rssBytes(server.child.pid!);
      report.maxRssBytes = Math.max(report.maxRssBytes, rss);
      if (rss > maxRssBytes) report.failures.push(`batch ${batch}: RSS ${(rss / 2 ** 20).toFixed(0)} MB`);
      log(`batch ${batch}: ${report.frames} frames, RSS ${(rss / 2 ** 20).toFixed(0)} MB, health ${healthMs.toFixed(0)} ms, ${report.failures.length} failures, ${report.poisoned.length} poisoned`);
      // A server broken for good would only repeat itself.
      if (report.failures.length + report.poisoned.length > 20) break;

      ctx = corpusContext(honest!.doc, options.maxMessageBytes ?? 1024 * 1024);
      if (report.frames % framesPerMeeting === 0 && report.frames < frames) await openMeeting();
    }
    for (const lane of lanes.values()) collectLane(report, lane);
    honest?.destroy();

    // Everything stored must read the same after a restart.
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
      server = await spawnServer(db, 0, env);
      server.child.stderr!.on('data', countErrors);
      const again = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
      for (const [id, text] of meetings) {
        const res = await again.request('GET', `/api/meetings/${id}/minutes?format=text`);
        if (res.status !== 200 || res.body !== text) report.poisoned.push(`meeting ${id} after restart: ${res.status}, ${res.status === 200 ? 'different text' : 'unreadable'}`);
      }
    }
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
    await sql?.end();
    await db.drop();
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

function collectLane(report: CollabFuzzReport, lane: FuzzLane): void {
  lane.close();
  report.stalls += lane.stalls;
  report.connections += lane.connections;
  for (const [code, n] of lane.closeCodes) report.closeCodes[code] = (report.closeCodes[code] ?? 0) + n;
  lane.closeCodes.clear();
  lane.stalls = 0;
  lane.connections = 0;
}

async function nonMemberCookie(admin: ApiClient): Promise<string | undefined> {
  const email = `outsider-${Math.random().toString(36).slice(2, 8)}@example.test`;
  await admin.ok('POST', '/api/users', { email, name: 'Outsider', password: 'outsider-password-1' });
  return (await ApiClient.signIn(admin.baseUrl, email, 'outsider-password-1')).cookie;
}

/** What the corpus needs to know of the document, read from the honest editor's copy. */
function corpusContext(doc: Y.Doc, maxMessageBytes: number): CorpusContext {
  const clients = [...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([client, clock]) => ({ client, clock }));
  const items: { client: number; clock: number }[] = [];
  for (const [client, structs] of doc.store.clients) {
    for (const struct of structs.slice(-20)) items.push({ client, clock: struct.id.clock });
  }
  return { clients, victim: doc.clientID, items, stateVector: Y.encodeStateVector(doc), maxMessageBytes };
}

/**
 * Why the stored minutes are not healthy (empty: they are). `savedClock`: the honest editor's
 * clock once its line was acknowledged; the stored log must reach it (the text may already lack
 * the line: any delegate may delete it, and hostile deletions can still be in the pipeline).
 */
async function minutesProblems(admin: ApiClient, sql: postgres.Sql | null, meetingId: string, honest: YClient, line: string, savedClock: number): Promise<string[]> {
  const problems: string[] = [];
  const json = await admin.request('GET', `/api/meetings/${meetingId}/minutes?format=json`);
  if (json.status !== 200) problems.push(`JSON read ${json.status}`);
  const text = await admin.request<string>('GET', `/api/meetings/${meetingId}/minutes?format=text`);
  if (text.status !== 200) problems.push(`text read ${text.status}`);
  if (sql) {
    const updates = (await loadUpdates(sql, meetingId)).map((r) => r.update);
    problems.push(...storedDocumentProblems(updates));
    const stored = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(Y.mergeUpdates(updates))).get(honest.doc.clientID) ?? 0;
    if (stored < savedClock) problems.push(`the honest editor's acknowledged edit is not stored (clock ${stored} < ${savedClock})`);
  } else if (text.status === 200 && !text.body.includes(line)) {
    problems.push("the honest editor's saved line is not in the stored minutes");
  }
  // The honest editor sees exactly what is stored (after in-flight broadcasts arrive).
  const deadline = Date.now() + 3000;
  let honestText = '';
  for (;;) {
    try {
      honestText = honest.text();
    } catch (error) {
      problems.push(`the honest editor cannot read its copy: ${String(error).slice(0, 200)}`);
      break;
    }
    const stored = text.status === 200 ? await admin.request<string>('GET', `/api/meetings/${meetingId}/minutes?format=text`) : text;
    if (stored.body === honestText) break;
    if (Date.now() > deadline) {
      const structs = sql ? await structDifference(honest.doc, sql, meetingId) : '';
      problems.push(`the honest editor and the stored minutes differ: ${firstDifference(honestText, String(stored.body))}${structs}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return problems;
}

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const i = left.findIndex((line, n) => line !== right[n]);
  const at = i === -1 ? left.length : i;
  return `line ${at + 1}: editor ${JSON.stringify(left[at]?.slice(0, 80))} vs stored ${JSON.stringify(right[at]?.slice(0, 80))} (${left.length} vs ${right.length} lines)`;
}

/** Which structs one copy has and the other lacks (client:clocks), to tell a lost edit from a reader's difference. */
async function structDifference(doc: Y.Doc, sql: postgres.Sql, meetingId: string): Promise<string> {
  const stored = new Y.Doc();
  Y.applyUpdate(stored, Y.mergeUpdates((await loadUpdates(sql, meetingId)).map((r) => r.update)));
  const describe = (update: Uint8Array) => {
    const { structs, ds } = Y.decodeUpdate(update);
    const items = structs.map((s) => `${s.id.client}:${s.id.clock}+${s.length}`).slice(0, 6);
    return `${items.join(' ')}${ds.clients.size ? ` deletions of ${[...ds.clients.keys()].join(',')}` : ''}`;
  };
  const dumpDir = process.env.FUZZ_DUMP_DIR;
  if (dumpDir) {
    // For replaying a divergence offline: the editor's copy and the stored log, as updates.
    await writeFile(path.join(dumpDir, `${meetingId}-editor.bin`), Y.encodeStateAsUpdate(doc));
    await writeFile(path.join(dumpDir, `${meetingId}-stored.bin`), Y.encodeStateAsUpdate(stored));
  }
  const onlyEditor = describe(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(stored)));
  const onlyStored = describe(Y.encodeStateAsUpdate(stored, Y.encodeStateVector(doc)));
  const sameDeletions = Y.equalDeleteSets(Y.createDeleteSetFromStructStore(doc.store), Y.createDeleteSetFromStructStore(stored.store));
  stored.destroy();
  const pending = doc.store.pendingStructs ? [...doc.store.pendingStructs.missing].map(([c, k]) => `${c}:${k}`).join(',') : 'none';
  return `; only the editor has [${onlyEditor}], only the store has [${onlyStored}], same deletions: ${sameDeletions}, editor waits for ${pending}${doc.store.pendingDs ? ' and deletions' : ''}`;
}
