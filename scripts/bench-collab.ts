/**
 * Collaboration save-path benchmark: `npm run bench:collab -- [clients] [seconds] [keystrokes/s]`
 * (default 20 clients, 10 s, 10 keystrokes per second each).
 *
 * Starts a real server (embedded Postgres, or DATABASE_URL — give it an empty database) and
 * headless y-websocket clients that type into one meeting at a steady rate. For every keystroke
 * it measures the time from the update leaving the client to the server's "saved" for it, and
 * it counts how many log rows (commits) the server wrote for how many update messages: the
 * group-commit ratio. Nothing is compared here, so it supports no claim beyond these numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countUpdates } from '../db/queries/minutesUpdates.js';
import { startServer } from '../server/src/app.js';
import { testConfig } from '../server/src/test/testServer.js';
import { ApiClient } from '../server/src/test/apiClient.js';
import { appendParagraph, connectYClient, waitFor, type YClient } from '../server/src/test/yClient.js';

// Every y-websocket provider adds a process 'exit' listener.
process.setMaxListeners(0);
const clients = Number(process.argv[2] ?? 20);
const seconds = Number(process.argv[3] ?? 10);
const rate = Number(process.argv[4] ?? 10);

const dataDir = mkdtempSync(join(tmpdir(), 'mahdar-bench-collab-'));
const server = await startServer(testConfig({ dataDir, databaseUrl: process.env.DATABASE_URL, drop: async () => {} }, { compactThreshold: 1e9 }));
const admin = await ApiClient.signIn(server.url, 'admin@example.test', 'admin-password-123');
const group = await admin.createGroup();
const meeting = await admin.createMeeting(group.id);
const sql = server.ctx.db.sql;
const rowsBefore = await countUpdates(sql, meeting.id);

const latencies: number[] = [];
const typists: YClient[] = [];
for (let i = 0; i < clients; i++) typists.push(connectYClient(server.url, meeting.id, { cookie: admin.cookie, name: `typist ${i}` }));
await waitFor(() => typists.every((c) => c.provider.synced), 30_000, 'all clients synced');
const lines = typists.map((c, i) => appendParagraph(c.doc, `سطر ${i}:`));
await Promise.all(typists.map((c) => c.whenSaved(30_000)));
const messagesBefore = typists.reduce((n, c) => n + c.counts.saved, 0);

// Per client: when each update message (by its index on the socket) went out.
const sentAt = typists.map(() => new Map<number, number>());
const seen = typists.map((c) => c.counts.saved);
const poll = setInterval(() => {
  const now = performance.now();
  typists.forEach((c, i) => {
    for (let k = seen[i]! + 1; k <= c.counts.saved; k++) {
      const t = sentAt[i]!.get(k);
      if (t !== undefined) latencies.push(now - t);
    }
    seen[i] = c.counts.saved;
  });
}, 1);

const start = performance.now();
await Promise.all(
  typists.map(async (c, i) => {
    // Spread the clients over the first interval so they do not type in lockstep.
    await new Promise((r) => setTimeout(r, (1000 / rate) * (i / clients)));
    for (let k = 0; performance.now() - start < seconds * 1000; k++) {
      lines[i]!.insert(lines[i]!.length, k % 5 === 4 ? ' ' : 'ك');
      sentAt[i]!.set(c.counts.sent, performance.now());
      await new Promise((r) => setTimeout(r, 1000 / rate));
    }
  }),
);
await Promise.all(typists.map((c) => c.whenSaved(30_000)));
clearInterval(poll);

const messages = typists.reduce((n, c) => n + c.counts.saved, 0) - messagesBefore;
const rows = (await countUpdates(sql, meeting.id)) - rowsBefore - clients;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))]!.toFixed(1);
console.log(`database: ${server.ctx.db.kind}; ${clients} clients × ${rate} keystrokes/s × ${seconds} s`);
console.log(`update messages saved: ${messages}; log rows written: ${rows}; messages per commit: ${(messages / Math.max(rows, 1)).toFixed(1)}`);
console.log(`send → saved latency (ms): p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${latencies.at(-1)!.toFixed(1)} (n=${latencies.length})`);

for (const c of typists) c.destroy();
await server.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
