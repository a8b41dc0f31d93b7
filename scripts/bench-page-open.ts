/**
 * How long a meeting's page takes to open in a browser: `npm run build && npm run bench:page-open`.
 * From navigation to the editor shown with the status "saved" (the first sync done), in Debian's
 * Chromium, against the built server (dist/node, dist/client) on a new embedded database, through
 * a relay that delays every chunk by half a round trip each way, so that the page's waterfall of
 * requests (session, meeting, editor code, websocket) costs what it costs from a distant
 * ministry. BENCH_RTTS (ms, default `0,80`) and BENCH_ROUNDS (default 8) set the runs. Each
 * opening is a new browser context: nothing cached, as a first visit.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { createTestDatabase } from '../server/src/test/testDatabase.js';
import { spawnServer } from '../server/src/test/serverProcess.js';
import { ADMIN } from '../server/src/test/testServer.js';
import { ApiClient } from '../server/src/test/apiClient.js';

const RTTS = (process.env.BENCH_RTTS ?? '0,80').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => fs.existsSync(p));
if (!CHROMIUM) throw new Error('no Chromium: apt-get install -y chromium');
if (!fs.existsSync('dist/client/index.html')) throw new Error('no build: run `npm run build` first');

/** A TCP relay to `target()` that holds each chunk `oneWayMs` in each direction (order kept). */
async function delayRelay(target: () => number, oneWayMs: () => number): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target(), '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    const pipe = (from: net.Socket, to: net.Socket) => {
      const later = (action: () => void) => (oneWayMs() > 0 ? setTimeout(action, oneWayMs()) : action());
      from.on('data', (chunk) => later(() => to.writable && to.write(chunk)));
      from.on('end', () => later(() => to.end()));
      from.on('error', () => to.destroy());
    };
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

let rtt = 0;
let serverPort = 0;
const relay = await delayRelay(
  () => serverPort,
  () => rtt / 2,
);
const origin = `http://127.0.0.1:${relay.port}`;
const db = await createTestDatabase('embedded');
const server = await spawnServer(db, 0, { ALLOWED_ORIGINS: origin, LOG_LEVEL: 'error' }, { args: ['dist/node/server/src/main.js'], env: process.env });
serverPort = server.port;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  const group = await admin.createGroup();
  const { id: meetingId } = await admin.createMeeting(group.id);
  console.log(`page open, navigation → editor shown and "saved" (${ROUNDS} first visits each, built client, embedded database)`);
  for (const value of RTTS) {
    rtt = value;
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext({ baseURL: origin, locale: 'ar-KW' });
      const signedIn = await context.request.post('/api/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
      if (!signedIn.ok()) throw new Error(`sign-in: ${signedIn.status()}`);
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`/meetings/${meetingId}`);
      await page.waitForFunction(
        () => !!document.querySelector('[data-testid="minutes-editor"]') && document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') === 'saved',
        null,
        { polling: 10, timeout: 60_000 },
      );
      times.push(Date.now() - started);
      await context.close();
    }
    console.log(`RTT ${String(value).padStart(3)} ms: median ${median(times)} ms, min ${Math.min(...times)}, max ${Math.max(...times)} (${times.join(' ')})`);
  }
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  await server.exited;
  relay.close();
  await db.drop();
}
