import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentDto } from '../../../shared/api/amendments.js';
import { textRangeAnchor } from '../../../shared/anchors/encoding.js';
import type { MeetingDto } from '../../../shared/api/meetings.js';
import type { CirculationDto, VersionDto } from '../../../shared/api/versions.js';
import { ApiClient } from '../test/apiClient.js';
import { itNeedsPostgres, postgresUrl } from '../test/needsPostgres.js';
import { spawnServer, type ServerProcess } from '../test/serverProcess.js';
import { approve, steeringGroup } from '../test/steeringGroup.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { startTestServer, type TestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

/**
 * Agreeing the record when the people agreeing it reach different server processes: one in this
 * process (a), one a separate process (b, so that nothing in memory is shared with a), one Postgres.
 */
const databaseUrl = postgresUrl;
let db: TestDatabase;
let a: TestServer;
let b: ServerProcess;

beforeAll(async () => {
  if (!databaseUrl) return;
  db = await createTestDatabase();
  a = await startTestServer(db, { idleUnloadMs: 30_000 });
  b = await spawnServer(db);
}, 60_000);
afterAll(async () => {
  b?.child.kill('SIGKILL');
  await b?.exited;
  await a?.close();
  await db?.drop();
});

describe('agreeing the record across processes', () => {
  itNeedsPostgres('multi-node, which runs on Postgres only');

  it('the last two sides approving at the same moment on two processes approve the meeting', async () => {
    if (!databaseUrl) return;
    for (let round = 0; round < 5; round++) {
      const g = await steeringGroup(a.admin);
      const id = g.meeting.id;
      await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
      const [version] = await g.kuwait.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);
      // The British approver's browser reaches process b, the Kuwaiti one's process a.
      const [kw, uk] = await Promise.all([approve(g.kuwait.client, id, version!.id), approve(new ApiClient(b.url, g.britain.client.cookie), id, version!.id)]);
      expect([kw.status, uk.status], `round ${round}`).toEqual([201, 201]);
      expect((await a.admin.ok<MeetingDto>('GET', `/api/meetings/${id}`)).status, `round ${round}`).toBe('approved');
    }
  }, 120_000);

  it('the circulated version holds what a delegate typing on another process had saved: it is not stale at once', async () => {
    if (!databaseUrl) return;
    for (let round = 0; round < 5; round++) {
      const g = await steeringGroup(a.admin);
      const id = g.meeting.id;
      // The secretariat has the minutes open on a, the delegate on b.
      const onA = connectYClient(a.url, id, { cookie: g.secretary.client.cookie });
      const onB = connectYClient(b.url, id, { cookie: g.delegate.client.cookie });
      await waitFor(() => onA.provider.synced && onB.provider.synced, 10_000, 'sync');
      let typing = true;
      let typed = 0;
      const typist = (async () => {
        while (typing) {
          appendParagraph(onB.doc, `مداخلة المندوب ${typed++}`);
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      await new Promise((r) => setTimeout(r, 200));
      await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
      typing = false;
      await typist;
      const state = await g.secretary.client.ok<CirculationDto>('GET', `/api/meetings/${id}/circulation`);
      expect(state.stale, `round ${round}, ${typed} paragraphs typed`).toBe(false);
      onA.destroy();
      onB.destroy();
    }
  }, 120_000);

  it('two secretaries accepting the same amendment at the same moment on two processes change the text once: one wins, the other is 409', async () => {
    if (!databaseUrl) return;
    for (let round = 0; round < 5; round++) {
      const g = await steeringGroup(a.admin);
      const id = g.meeting.id;
      const second = await a.admin.addMember(g.group.id, 'secretary', 'Second secretary');
      const y = connectYClient(a.url, id, { cookie: g.secretary.client.cookie });
      await waitFor(() => y.provider.synced, 5000, 'sync');
      const text = appendParagraph(y.doc, 'The meeting ended.');
      await y.whenSaved();
      const at = 'The meeting ended'.length;
      y.destroy();
      const proposed = await g.delegate.client.ok<AmendmentDto>('POST', `/api/meetings/${id}/amendments`, {
        anchor: textRangeAnchor(text, at, at),
        proposed: ' at noon',
      });
      const path = `/api/meetings/${id}/amendments/${proposed.id}/accept`;
      const [one, two] = await Promise.all([g.secretary.client.request('POST', path), new ApiClient(b.url, second.client.cookie).request('POST', path)]);
      const minutes = await a.admin.minutesText(id);
      expect(minutes.split(' at noon').length - 1, `round ${round}: ${one.status}/${two.status}\n${minutes}`).toBe(1);
      expect([one.status, two.status].sort(), `round ${round}`).toEqual([200, 409]);
    }
  }, 120_000);

  it('marking amendments outdated waits for a decision on them in progress on another process', async () => {
    if (!databaseUrl) return;
    const g = await steeringGroup(a.admin);
    const id = g.meeting.id;
    const y = connectYClient(a.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => y.provider.synced, 5000, 'sync');
    const text = appendParagraph(y.doc, 'The meeting ended.');
    await y.whenSaved();
    const proposed = await g.delegate.client.ok<AmendmentDto>('POST', `/api/meetings/${id}/amendments`, {
      anchor: textRangeAnchor(text, 4, 11),
      proposed: 'session',
    });
    const status = async () => (await a.admin.ok<AmendmentDto[]>('GET', `/api/meetings/${id}/amendments`)).find((x) => x.id === proposed.id)!.status;

    // Another process is deciding on the meeting's amendments (it holds their lock, as an accept does).
    const other = postgres(db.databaseUrl!, { max: 1, onnotice: () => {} });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const deciding = other.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtextextended(${`amendments:${id}`}, 0))`;
      locked();
      await held;
    });
    await lockTaken;
    try {
      // The amended words are deleted on this process: the amendment is outdated, but not before
      // the decision in progress has ended (it would have found its amendment outdated).
      y.doc.transact(() => text.delete(0, text.length));
      await y.whenSaved();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await status()).toBe('open');
    } finally {
      release();
      await deciding;
      await other.end();
    }
    await expect.poll(status, { timeout: 10_000 }).toBe('outdated');
    y.destroy();
  }, 60_000);
});
