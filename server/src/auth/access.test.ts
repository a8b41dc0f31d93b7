import WebSocket from 'ws';
import { io as ioClient } from 'socket.io-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/queries/auditLog.js';
import { reconnectWhenServerEnds } from '../../../client/src/realtime/reconnect.js';
import { ApiClient } from '../test/apiClient.js';
import { storedText } from '../test/storedMinutes.js';
import { ADMIN, useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();
let groupId: string;
let meetingId: string;

beforeAll(async () => {
  groupId = (await t.admin.createGroup()).id;
  meetingId = (await t.admin.createMeeting(groupId)).id;
}, 60_000);

describe('server-side enforcement on the collab websocket', () => {
  it("an observer's writes never reach the database or other clients", async () => {
    const observer = await t.admin.addMember(groupId, 'observer', 'observer');
    const delegate = await t.admin.addMember(groupId, 'delegate', 'delegate');
    const watcher = connectYClient(t.url, meetingId, { cookie: delegate.client.cookie });
    const intruder = connectYClient(t.url, meetingId, { cookie: observer.client.cookie });
    await waitFor(() => watcher.provider.synced && intruder.provider.synced, 5000, 'sync');
    // The observer sees the minutes live...
    appendParagraph(watcher.doc, 'نص كتبه المندوب');
    await watcher.whenSaved();
    await waitFor(() => intruder.text().includes('نص كتبه المندوب'), 5000, 'observer sees live edits');
    // ...but what it writes goes nowhere.
    appendParagraph(intruder.doc, 'OBSERVER WRITE');
    await new Promise((r) => setTimeout(r, 400));
    expect(watcher.text()).not.toContain('OBSERVER WRITE');
    expect(await storedText(t.server.ctx.db.sql, meetingId)).not.toContain('OBSERVER WRITE');
    expect(intruder.provider.wsconnected).toBe(true);
    watcher.destroy();
    intruder.destroy();
  });

  it('a member removed while connected is disconnected within seconds; a demoted one becomes read-only', async () => {
    const leaving = await t.admin.addMember(groupId, 'delegate', 'leaving');
    const demoted = await t.admin.addMember(groupId, 'delegate', 'demoted');
    const a = connectYClient(t.url, meetingId, { cookie: leaving.client.cookie });
    const b = connectYClient(t.url, meetingId, { cookie: demoted.client.cookie });
    await waitFor(() => a.provider.synced && b.provider.synced, 5000, 'sync');

    const removedAt = Date.now();
    await t.admin.ok('DELETE', `/api/groups/${groupId}/members/${leaving.userId}`);
    expect((await a.closed).code).toBe(4403);
    expect(Date.now() - removedAt).toBeLessThan(3000);
    expect((await leaving.client.request('GET', `/api/meetings/${meetingId}`)).status).toBe(403);

    await t.admin.ok('PUT', `/api/groups/${groupId}/members/${demoted.userId}`, { role: 'observer' });
    expect((await b.closed).code).toBe(1012);
    // y-websocket reconnects by itself, now as an observer.
    await waitFor(() => b.provider.synced, 5000, 'reconnect');
    appendParagraph(b.doc, 'AFTER DEMOTION');
    await new Promise((r) => setTimeout(r, 400));
    expect(await storedText(t.server.ctx.db.sql, meetingId)).not.toContain('AFTER DEMOTION');
    a.destroy();
    b.destroy();
  });
});

describe('live events (socket.io) when rights change', () => {
  it('an admin no longer one hears nothing more of meetings they cannot read, and of the groups they are in as before', async () => {
    const otherGroup = (await t.admin.createGroup()).id;
    const member = await t.admin.addMember(otherGroup, 'delegate', 'ex-admin');
    await t.admin.ok('PATCH', `/api/users/${member.userId}`, { isAdmin: true });
    const client = await ApiClient.signIn(t.url, member.email, 'member-password-123');
    const socket = ioClient(t.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: client.cookie! } });
    reconnectWhenServerEnds(socket);
    const heard: string[] = [];
    socket.onAny((name: string, payload: { meetingId?: string; id?: string }) => heard.push(`${name} ${payload.meetingId ?? payload.id}`));
    let connects = 0;
    socket.on('connect', () => connects++);
    await waitFor(() => connects === 1, 5000, 'connected');
    // As an admin: watching a meeting of a group they are not in.
    expect(await socket.emitWithAck('meeting:watch', meetingId)).toEqual({ ok: true });

    await t.admin.ok('PATCH', `/api/users/${member.userId}`, { isAdmin: false });
    expect((await client.request('GET', `/api/meetings/${meetingId}/comments`)).status).toBe(403);
    // Its connection was ended and made again, as the app does (client/src/realtime/reconnect.ts).
    await waitFor(() => connects === 2, 5000, 'reconnected');
    expect(await socket.emitWithAck('meeting:watch', meetingId)).toEqual({ error: expect.any(String) });

    await t.admin.ok('POST', `/api/meetings/${meetingId}/comments`, { body: 'ملاحظة الأمانة العامة' });
    await t.admin.ok('PATCH', `/api/meetings/${meetingId}`, { titleEn: 'Renamed while they listen' });
    // Their own group's events still arrive: a meeting there, its action items.
    const ownMeeting = (await t.admin.createMeeting(otherGroup)).id;
    expect(await socket.emitWithAck('meeting:watch', ownMeeting)).toEqual({ ok: true });
    await t.admin.ok('PATCH', `/api/meetings/${ownMeeting}`, { titleEn: 'Their own meeting' });
    await waitFor(() => heard.includes(`meeting:updated ${ownMeeting}`), 5000, 'their own meeting updated');
    expect(heard.filter((event) => event.endsWith(meetingId))).toEqual([]);
    socket.close();
  });
});

describe('origin checks', () => {
  function upgrade(origin: string | undefined): Promise<{ code: number }> {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${meetingId}`, {
      headers: { cookie: t.admin.cookie!, ...(origin ? { origin } : {}) },
    });
    return new Promise((resolve) => {
      ws.on('message', () => ws.close(1000));
      ws.on('close', (code) => resolve({ code }));
    });
  }

  it('refuses a cross-site websocket upgrade with 4403 and accepts a same-origin one', async () => {
    expect((await upgrade('http://evil.example')).code).toBe(4403);
    expect((await upgrade('null')).code).toBe(4403);
    expect((await upgrade(t.url)).code).toBe(1000);
    expect((await upgrade(t.url.replace('localhost', '127.0.0.1'))).code).toBe(1000);
  });

  it('refuses a cross-site socket.io connection', async () => {
    const connect = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = ioClient(t.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie: t.admin.cookie!, origin } });
        socket.on('connect', () => (socket.close(), resolve('connected')));
        socket.on('connect_error', () => (socket.close(), resolve('refused')));
      });
    expect(await connect('http://evil.example')).toBe('refused');
    expect(await connect(t.url)).toBe('connected');
  });

  it('refuses state-changing REST calls from another site', async () => {
    const res = await t.admin.request('POST', '/api/groups', { nameAr: 'س', nameEn: 'S' }, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    const sameSite = await t.admin.request('POST', '/api/groups', { nameAr: 'س', nameEn: 'S' }, { 'sec-fetch-site': 'cross-site' });
    expect(sameSite.status).toBe(403);
  });
});

describe('sign-in', () => {
  it('does not reveal whether the email or the password was wrong', async () => {
    const unknown = await new ApiClient(t.url).request('POST', '/api/auth/login', { email: 'nobody@example.test', password: 'x' });
    const wrong = await new ApiClient(t.url).request('POST', '/api/auth/login', { email: ADMIN.email, password: 'x' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('sets an httpOnly SameSite=Lax cookie; sign-out ends the session', async () => {
    const client = new ApiClient(t.url);
    const res = await client.request('POST', '/api/auth/login', { email: ADMIN.email, password: ADMIN.password });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^mahdar_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const stolen = client.cookie;
    expect((await client.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await new ApiClient(t.url, stolen).request('GET', '/api/me')).status).toBe(401);
  });

  it('expires sessions after inactivity and lets an admin revoke one (its websocket closes with 4401)', async () => {
    const member = await t.admin.addMember(groupId, 'delegate', 'idle');
    await t.server.ctx.db.sql`update sessions set last_seen_at = now() - interval '2 hours' where user_id = ${member.userId}`;
    expect((await member.client.request('GET', '/api/me')).status).toBe(401);

    const active = await ApiClient.signIn(t.url, member.email, 'member-password-123');
    const ws = connectYClient(t.url, meetingId, { cookie: active.cookie });
    await waitFor(() => ws.provider.synced, 5000, 'sync');
    const [session] = await t.admin.ok<{ id: string }[]>('GET', `/api/users/${member.userId}/sessions`);
    await t.admin.ok('DELETE', `/api/sessions/${session!.id}`);
    expect((await ws.closed).code).toBe(4401);
    expect((await active.request('GET', '/api/me')).status).toBe(401);
    ws.destroy();
  });

  it('records sign-ins, failed sign-ins, role changes and user changes in the audit log', async () => {
    const actions = new Set((await listAudit(t.server.ctx.db.sql, { limit: 1000 })).map((r) => r.action));
    for (const action of ['auth.login', 'auth.login_failed', 'member.set', 'member.remove', 'user.create', 'session.revoke']) {
      expect(actions).toContain(action);
    }
    const [failure] = (await listAudit(t.server.ctx.db.sql, { limit: 1000 })).filter((r) => r.action === 'auth.login_failed');
    expect(failure!.target).toMatch(/@example\.test$/);
    expect(failure!.ip).toBeTruthy();
  });
});

describe('bodies and errors', () => {
  it('answers malformed JSON and invalid fields with a clear 400 and no stack trace', async () => {
    const res = await fetch(`${t.url}/api/groups`, { method: 'POST', headers: { cookie: t.admin.cookie!, 'content-type': 'application/json' }, body: '{"nameAr":' });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('not valid JSON');
    expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
    const invalid = await t.admin.request<{ error: { issues: { path: string }[] } }>('POST', `/api/groups/${groupId}/meetings`, { titleAr: '', startsAt: 'tomorrow' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['titleAr', 'titleEn', 'startsAt']));
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const res = await fetch(`${t.url}/api/healthz`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('keeps an idle connection open longer than a load balancer does (65 s), and says so', async () => {
    const res = await fetch(`${t.url}/api/healthz`);
    expect(res.headers.get('keep-alive')).toBe('timeout=65');
  });
});
