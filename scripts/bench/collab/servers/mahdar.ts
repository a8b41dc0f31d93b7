/**
 * Mahdar as the benchmark runs it: the real server (embedded PGlite, or DATABASE_URL on a fresh
 * database), every edit committed before anyone sees it. Run as a child process by
 * bench-collab.ts and bench-open.ts; creates a group and BENCH_DOCS meetings and hands out the admin's cookie.
 */
import path from 'node:path';
import { startServer } from '../../../../server/src/app.js';
import { ApiClient } from '../../../../server/src/test/apiClient.js';
import { createTestDatabase } from '../../../../server/src/test/testDatabase.js';
import { ADMIN, testConfig } from '../../../../server/src/test/testServer.js';
import { DiagnosticStore, type DiagnosticCommit } from '../diagnosticStore.js';
import { fillLog, reportMemoryOnSignal, writeCompacted } from './mahdarFixtures.js';
import { announce, docCount } from './ready.js';

const db = await createTestDatabase(process.env.BENCH_DB === 'postgres' ? 'default' : 'embedded');
// bench:collab's diagnostic contenders: the live documents commit to a file, or nowhere
// (diagnosticStore.ts); the compactor, which would replace rows that are not in the log, is off.
// Every caller names it: a BENCH_COMMIT left in the shell must not turn a measurement of the
// real server into a diagnostic one.
const commitTo = process.env.BENCH_COMMIT;
if (commitTo !== 'database' && commitTo !== 'journal' && commitTo !== 'none') throw new Error(`BENCH_COMMIT: database, journal or none, not ${commitTo}`);
const diagnostic: DiagnosticCommit | undefined = commitTo === 'database' ? undefined : commitTo;
let diagnosticStore: DiagnosticStore | undefined;
// Production defaults where they matter for the save path (compaction on, as configured by env.ts).
// bench:open turns the compactor's timer off so that the long log it measures is still long.
const compactIntervalMs = diagnostic ? 2 ** 30 : Number(process.env.BENCH_COMPACT_INTERVAL_MS ?? 30_000);
const server = await startServer(testConfig(db, { compactThreshold: 200, compactIntervalMs, idleUnloadMs: 30_000 }), {
  liveStore: diagnostic ? (store) => (diagnosticStore = new DiagnosticStore(store, diagnostic, path.join(db.dataDir, 'journal'))) : undefined,
});
const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
const group = await admin.createGroup();
const docNames: string[] = [];
for (let i = 0; i < docCount(); i++) docNames.push((await admin.createMeeting(group.id)).id);
// bench:open: BENCH_FIXTURES (default 1) meetings with a long log (docNames[0..n-1]), as many compacted ones after them.
const fixtures = Number(process.env.BENCH_FIXTURES ?? 1);
for (let i = 0; i < fixtures; i++) {
  if (process.env.BENCH_LOG_ROWS) await fillLog(server.ctx.db.sql, docNames[i]!, Number(process.env.BENCH_LOG_ROWS), Number(process.env.BENCH_LOG_LINES ?? 40));
  if (process.env.BENCH_PAGES) await writeCompacted(server.ctx.db.sql, docNames[fixtures + i] ?? docNames[i]!, Number(process.env.BENCH_PAGES));
}
reportMemoryOnSignal(async () => (await server.ctx.registry.loaded()).length);
announce({ base: `${server.url.replace(/^http/, 'ws')}/collab`, docNames, headers: { cookie: admin.cookie! } });

const stop = async () => {
  await server.close();
  await diagnosticStore?.close();
  await db.drop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
