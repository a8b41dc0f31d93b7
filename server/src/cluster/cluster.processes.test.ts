import postgres from 'postgres';
import { io as ioClient } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { SOCKET_IO_CLIENT_OPTIONS } from '../../../shared/realtime/socketOptions.js';
import { AddressedClient } from '../test/addressedClient.js';
import { ApiClient } from '../test/apiClient.js';
import { startLoadBalancer, type LoadBalancer } from '../test/loadBalancer.js';
import { spawnServer, type ServerProcess } from '../test/serverProcess.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { ADMIN } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor, type YClient } from '../test/yClient.js';
import { itNeedsPostgres, postgresUrl } from '../test/needsPostgres.js';

/**
 * Three real server processes on one Postgres (as behind a ministry's load balancer), clients
 * spread over them. Postgres is required: the embedded database is one process by design, and
 * `.ci/run` always sets DATABASE_URL.
 */
const databaseUrl = postgresUrl;

let db: TestDatabase;
let nodes: ServerProcess[] = [];
let admin: ApiClient;
let groupId: string;
const clients: YClient[] = [];

beforeAll(async () => {
  if (!databaseUrl) return;
  db = await createTestDatabase();
  // Node 0 compacts often: the other tests append while it does.
  const compacting = { COMPACT_THRESHOLD: '10', COMPACT_INTERVAL_MS: '250' };
  nodes = [await spawnServer(db, 0, compacting)];
  // The first start migrated; the others start together.
  nodes.push(...(await Promise.all([spawnServer(db), spawnServer(db)])));
  admin = await ApiClient.signIn(nodes[0]!.url, ADMIN.email, ADMIN.password);
  groupId = (await admin.createGroup()).id;
}, 120_000);

// Each test's clients go with it: every y-websocket provider holds a process 'exit' listener.
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  for (const node of nodes) node.child.kill('SIGKILL');
  await Promise.all(nodes.map((n) => n.exited));
  await db?.drop();
});

/** The same session, through another node: sessions live in the database. */
const adminOn = (node: number) => new ApiClient(nodes[node]!.url, admin.cookie);

function connect(baseUrl: string, meetingId: string, name?: string): YClient {
  const client = connectYClient(baseUrl, meetingId, { cookie: admin.cookie, name });
  clients.push(client);
  return client;
}

const paragraphs = (client: YClient) => client.text().split('\n');

describe('several server processes on one database', () => {
  itNeedsPostgres('multi-node, which runs on Postgres only');

  it('clients on three nodes see each other’s edits and carets live, and converge on what is stored', async () => {
    if (!databaseUrl) return;
    const meetingId = (await admin.createMeeting(groupId)).id;
    const spread = [0, 1, 2, 0, 1, 2].map((node, i) => connect(nodes[node]!.url, meetingId, `Typist ${i}`));
    await waitFor(() => spread.every((c) => c.provider.synced), 20_000, 'all synced');
    const texts = spread.map((client, i) => appendParagraph(client.doc, `line ${i} `));
    await waitFor(() => spread.every((c) => spread.every((_, i) => paragraphs(c).includes(`line ${i} `))), 10_000, 'every line everywhere');
    // Typing at once, each into its own line.
    for (let round = 0; round < 20; round++) {
      texts.forEach((text, i) => text.insert(text.length, String.fromCharCode(97 + ((round + i) % 26))));
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(spread.map((c) => c.whenSaved(20_000)));
    await waitFor(() => spread.every((c) => c.text() === spread[0]!.text()), 10_000, 'convergence');
    for (const node of [0, 1, 2]) expect(await adminOn(node).minutesText(meetingId)).toBe(spread[0]!.text());
    // Presence crosses nodes: the typist on node 2 sees the caret owner on node 0.
    const names = (c: YClient) => [...c.provider.awareness.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name);
    await waitFor(() => names(spread[2]!).includes('Typist 0') && names(spread[0]!).includes('Typist 5'), 10_000, 'presence across nodes');
    spread.forEach((c) => c.provider.disconnect());
  }, 90_000);

  it('a socket.io event emitted on one node reaches a client watching on another', async () => {
    if (!databaseUrl) return;
    const meetingId = (await admin.createMeeting(groupId)).id;
    const socket = ioClient(nodes[2]!.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: admin.cookie! }, reconnection: false });
    const seen: { name: string; payload: { meetingId?: string; id?: string; titleEn?: string } }[] = [];
    socket.onAny((name: string, payload) => seen.push({ name, payload }));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    await socket.emitWithAck('meeting:watch', meetingId);
    await adminOn(0).ok('PATCH', `/api/meetings/${meetingId}`, { titleEn: 'Renamed on node 0' });
    await waitFor(() => seen.some((e) => e.name === 'meeting:updated' && e.payload.titleEn === 'Renamed on node 0'), 10_000, 'meeting:updated on node 2');
    // An action item written through node 0 is projected there; the tracker on node 2 hears of it.
    const writer = connect(nodes[0]!.url, meetingId);
    await waitFor(() => writer.provider.synced, 10_000, 'sync');
    appendActionItem(writer.doc, 'Circulate the draft', { owner: 'Kuwait' });
    await writer.whenSaved(10_000);
    await waitFor(() => seen.some((e) => e.name === 'actionItems:changed' && e.payload.meetingId === meetingId), 10_000, 'actionItems:changed on node 2');
    socket.close();
    writer.provider.disconnect();
  }, 60_000);

  it('the browser’s socket.io connection, through a load balancer that sends each connection to the next node, connects and hears events', async () => {
    if (!databaseUrl) return;
    const meetingId = (await admin.createMeeting(groupId)).id;
    const balancer = await startLoadBalancer(nodes.map((n) => n.port));
    // The app's own options, as the browser uses them: no sticky sessions in front of the nodes.
    const socket = ioClient(balancer.url, { ...SOCKET_IO_CLIENT_OPTIONS, extraHeaders: { cookie: admin.cookie! }, reconnection: false });
    try {
      const failures: string[] = [];
      socket.on('connect_error', (error) => failures.push(error.message));
      socket.on('disconnect', (reason) => failures.push(reason));
      await waitFor(() => socket.connected || failures.length > 0, 10_000, 'socket.io connected');
      expect(failures).toEqual([]);
      expect(await socket.timeout(5_000).emitWithAck('meeting:watch', meetingId)).toEqual({ ok: true });
      const titles: string[] = [];
      socket.on('meeting:updated', (meeting: { titleEn: string }) => titles.push(meeting.titleEn));
      // Changes through every node reach it, and the connection stays up meanwhile.
      for (const node of [0, 1, 2]) await adminOn(node).ok('PATCH', `/api/meetings/${meetingId}`, { titleEn: `Renamed on node ${node}` });
      await waitFor(() => titles.length === 3, 10_000, 'three meeting:updated');
      expect(titles).toEqual(['Renamed on node 0', 'Renamed on node 1', 'Renamed on node 2']);
      expect(failures).toEqual([]);
    } finally {
      socket.close();
      await balancer.close();
    }
  }, 60_000);

  it('failed sign-ins count on every node: a guesser going from node to node gets the free attempts once, not once per node', async () => {
    if (!databaseUrl) return;
    const { email } = await admin.addMember(groupId, 'delegate', 'Target');
    // One machine elsewhere, its requests spread over the three nodes in turn.
    const attacker = nodes.map((node) => new AddressedClient(node.url, '127.0.0.9'));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await attacker[i % 3]!.signIn(email, `guess-${i}`)).status);
    const checked = statuses.filter((s) => s === 401).length;
    // The free attempts (10), and at most a couple more as each growing delay runs out
    // meanwhile or a notice is still on its way; 30, every node's 10, before.
    expect(checked).toBeGreaterThanOrEqual(10);
    expect(checked).toBeLessThanOrEqual(12);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checked);
    // The owner, from where they signed in before, is not slowed on any node.
    for (const node of nodes) expect((await ApiClient.signIn(node.url, email, 'member-password-123')).cookie).toBeTruthy();
  }, 60_000);

  it('compaction on one node while the others append loses nothing', async () => {
    if (!databaseUrl) return;
    const meetingId = (await admin.createMeeting(groupId)).id;
    const writers = [1, 2, 1, 2].map((node) => connect(nodes[node]!.url, meetingId));
    const reader = connect(nodes[0]!.url, meetingId); // node 0 holds the document while it compacts it
    await waitFor(() => [...writers, reader].every((c) => c.provider.synced), 20_000, 'synced');
    const lines = writers.map((w, i) => appendParagraph(w.doc, `w${i}:`));
    const sql = postgres(db.databaseUrl!, { max: 1, onnotice: () => {} });
    let compactions = 0;
    let lastMin = 0;
    try {
      // Each keystroke its own commit, for long enough that node 0 compacts several times.
      for (let k = 0; k < 120; k++) {
        lines.forEach((line) => line.insert(line.length, String(k % 10)));
        await Promise.all(writers.map((w) => w.whenSaved(20_000)));
        const [row] = await sql<{ min: string | null }[]>`select min(id)::text as min from minutes_updates where meeting_id = ${meetingId}`;
        // Compaction replaces the oldest rows by a new one: the smallest id moves.
        if (Number(row!.min) !== lastMin) compactions++;
        lastMin = Number(row!.min);
      }
    } finally {
      await sql.end();
    }
    expect(compactions).toBeGreaterThan(2);
    const expected = lines.map((_, i) => `w${i}:` + Array.from({ length: 120 }, (_, k) => String(k % 10)).join(''));
    await waitFor(() => [...writers, reader].every((c) => expected.every((line) => paragraphs(c).includes(line))), 10_000, 'every keystroke everywhere');
    const stored = (await adminOn(0).minutesText(meetingId)).split('\n');
    for (const line of expected) expect(stored).toContain(line);
    expect(reader.text()).toBe(writers[0]!.text());
    [...writers, reader].forEach((c) => c.provider.disconnect());
  }, 120_000);

  it('approval on one node stops writes on all nodes', async () => {
    if (!databaseUrl) return;
    const meetingId = (await admin.createMeeting(groupId)).id;
    const typists = [1, 2].map((node) => connect(nodes[node]!.url, meetingId));
    await waitFor(() => typists.every((c) => c.provider.synced), 20_000, 'synced');
    const lines = typists.map((t, i) => appendParagraph(t.doc, `t${i}:`));
    const closes: number[] = [];
    typists.forEach((t) => t.provider.on('connection-close', (event: { code: number } | null) => event && closes.push(event.code)));
    let typing = true;
    const typed = (async () => {
      while (typing) {
        lines.forEach((line) => line.insert(line.length, 'x'));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    await adminOn(0).ok('PATCH', `/api/meetings/${meetingId}`, { status: 'approved' });
    const approved = await adminOn(0).minutesText(meetingId);
    // They keep typing for a while after the approval: none of it may be stored.
    await new Promise((r) => setTimeout(r, 1500));
    typing = false;
    await typed;
    expect(closes).toContain(CloseCode.serverRestart);
    for (const node of [0, 1, 2]) expect(await adminOn(node).minutesText(meetingId)).toBe(approved);
    const versions = await adminOn(2).ok<{ kind: string; id: string }[]>('GET', `/api/meetings/${meetingId}/versions`);
    expect(versions.some((v) => v.kind === 'approved')).toBe(true);
    typists.forEach((c) => c.provider.disconnect());
  }, 60_000);

  it('SIGKILL of a node while its clients type: they reconnect to another node and no acknowledged edit is lost', async () => {
    if (!databaseUrl) return;
    const meetingId = (await admin.createMeeting(groupId)).id;
    const balancer: LoadBalancer = await startLoadBalancer(nodes.map((n) => n.port));
    try {
      const typists = [0, 1, 2, 3, 4, 5].map(() => connect(balancer.url, meetingId));
      await waitFor(() => typists.every((c) => c.provider.synced), 20_000, 'synced');
      const victim = nodes[1]!;
      expect(balancer.connections(victim.port)).toBeGreaterThan(0);
      const lines = typists.map((t, i) => appendParagraph(t.doc, `k${i}:`));
      // The text of each typist's line after each frame it sent: what a "saved n" confirms.
      const sentTexts = typists.map(() => new Map<number, string>());
      let typing = true;
      const typed = (async () => {
        for (let k = 0; typing; k++) {
          lines.forEach((line, i) => {
            line.insert(line.length, String(k % 10));
            sentTexts[i]!.set(typists[i]!.counts.sent, line.toString());
          });
          await new Promise((r) => setTimeout(r, 15));
        }
      })();
      await new Promise((r) => setTimeout(r, 1000));
      const acked = typists.map((t, i) => {
        const saved = [...sentTexts[i]!.keys()].filter((n) => n <= t.counts.saved);
        return saved.length === 0 ? '' : sentTexts[i]!.get(Math.max(...saved))!;
      });
      victim.child.kill('SIGKILL');
      balancer.remove(victim.port);
      await victim.exited;
      await new Promise((r) => setTimeout(r, 1500));
      typing = false;
      await typed;
      await Promise.all(typists.map((t) => t.whenSaved(30_000)));
      await waitFor(() => typists.every((t) => t.text() === typists[0]!.text()), 20_000, 'convergence after the kill');
      const stored = (await adminOn(0).minutesText(meetingId)).split('\n');
      lines.forEach((line, i) => {
        const final = line.toString();
        expect(acked[i]!.length).toBeGreaterThan(4);
        expect(final.startsWith(acked[i]!)).toBe(true);
        expect(stored).toContain(final);
      });
      expect(stored.join('\n')).toBe(typists[0]!.text());
      typists.forEach((c) => c.provider.disconnect());
    } finally {
      await balancer.close();
    }
  }, 120_000);
});
