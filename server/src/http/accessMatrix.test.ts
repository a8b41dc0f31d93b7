import { randomUUID } from 'node:crypto';
import { io as ioClient } from 'socket.io-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { textRangeAnchor, type Anchor } from '../../../shared/anchors/encoding.js';
import { ApiClient } from '../test/apiClient.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor } from '../test/yClient.js';
import { apiRouter } from './api.js';

const ROLES = ['anonymous', 'nonMember', 'observer', 'delegate', 'secretary', 'admin'] as const;
type Role = (typeof ROLES)[number];
/** Expected status per role, in ROLES order. */
type Row = [number, number, number, number, number, number];

interface Fixture {
  groupId: string;
  meetingId: string;
  actionItemId: string;
  /** A version of the meeting's minutes. */
  versionId: string;
  /** A fresh user id (a target that no other row touches). */
  newUser(): Promise<string>;
  newMember(): Promise<string>;
  /** A fresh invitation, usable until accepted or revoked. */
  newInvitation(): Promise<{ id: string; token: string }>;
  newSessionId(): Promise<string>;
  /** An open amendment (an empty insertion at the end of the action item's task), and a comment, by the delegate. */
  newAmendment(): Promise<string>;
  newComment(): Promise<string>;
}

interface Case {
  expect: Row;
  request(f: Fixture): Promise<{ path: string; body?: unknown }>;
  /** The request ends the session it is made with: use a fresh one. */
  freshSession?: boolean;
}

const u = (n: number): Row => [n, n, n, n, n, n];
const signedIn = (n: number): Row => [401, n, n, n, n, n];
const readers = (n: number): Row => [401, 403, n, n, n, n];
const managers = (n: number): Row => [401, 403, 403, 403, n, n];
const admins = (n: number): Row => [401, 403, 403, 403, 403, n];
const p = (path: string, body?: unknown) => async () => ({ path, body });

/** Every REST route × every role. Keys must match the router exactly (see the first test). */
const MATRIX: Record<string, Case> = {
  'GET /healthz': { expect: u(200), request: p('/healthz') },
  'GET /setup': { expect: u(200), request: p('/setup') },
  'POST /setup': { expect: u(409), request: p('/setup', { email: 'second-admin@example.test', name: 'X', password: 'a-long-password' }) },
  'POST /auth/login': { expect: u(401), request: p('/auth/login', { email: 'nobody@example.test', password: 'wrong-password' }) },
  'POST /auth/logout': { expect: u(204), request: p('/auth/logout'), freshSession: true },
  'GET /me': { expect: signedIn(200), request: p('/me') },
  'PUT /me/preferences': { expect: signedIn(200), request: p('/me/preferences', { locale: 'ar' }) },
  'POST /invitations/:token/accept': {
    expect: u(204),
    request: async (f) => ({ path: `/invitations/${(await f.newInvitation()).token}/accept`, body: { name: 'Invited', password: 'invited-password' } }),
  },
  'GET /users': { expect: admins(200), request: p('/users') },
  'GET /users/lookup': { expect: [401, 403, 403, 403, 200, 200], request: p('/users/lookup?email=admin@example.test') },
  'POST /users': {
    expect: admins(201),
    request: async () => ({ path: '/users', body: { email: `u${Math.random().toString(36).slice(2)}@example.test`, name: 'New', password: 'new-user-password' } }),
  },
  'PATCH /users/:userId': { expect: admins(200), request: async (f) => ({ path: `/users/${await f.newUser()}`, body: { name: 'Renamed' } }) },
  'GET /users/:userId/sessions': { expect: admins(200), request: async (f) => ({ path: `/users/${await f.newUser()}/sessions` }) },
  'DELETE /sessions/:sessionId': { expect: admins(204), request: async (f) => ({ path: `/sessions/${await f.newSessionId()}` }) },
  'POST /invitations': { expect: admins(201), request: p('/invitations', { email: 'invitee@example.test' }) },
  'GET /invitations': { expect: admins(200), request: p('/invitations') },
  'DELETE /invitations/:invitationId': { expect: admins(204), request: async (f) => ({ path: `/invitations/${(await f.newInvitation()).id}` }) },
  'GET /audit': { expect: admins(200), request: p('/audit') },
  'GET /home': { expect: signedIn(200), request: p('/home') },
  'GET /groups': { expect: signedIn(200), request: p('/groups') },
  'POST /groups': { expect: admins(201), request: p('/groups', { nameAr: 'مجموعة الصحة', nameEn: 'Health' }) },
  'GET /groups/:groupId': { expect: readers(200), request: async (f) => ({ path: `/groups/${f.groupId}` }) },
  'PATCH /groups/:groupId': {
    expect: managers(200),
    request: async (f) => ({ path: `/groups/${f.groupId}`, body: { sides: [{ key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' }] } }),
  },
  'GET /groups/:groupId/members': { expect: readers(200), request: async (f) => ({ path: `/groups/${f.groupId}/members` }) },
  'PUT /groups/:groupId/members/:userId': {
    expect: managers(200),
    request: async (f) => ({ path: `/groups/${f.groupId}/members/${await f.newUser()}`, body: { role: 'observer' } }),
  },
  'DELETE /groups/:groupId/members/:userId': {
    expect: managers(204),
    request: async (f) => ({ path: `/groups/${f.groupId}/members/${await f.newMember()}` }),
  },
  'GET /groups/:groupId/meetings': { expect: readers(200), request: async (f) => ({ path: `/groups/${f.groupId}/meetings` }) },
  'POST /groups/:groupId/meetings': {
    expect: managers(201),
    request: async (f) => ({ path: `/groups/${f.groupId}/meetings`, body: { titleAr: 'جلسة', titleEn: 'Session', startsAt: '2027-01-10T09:00:00+03:00' } }),
  },
  'GET /meetings': { expect: signedIn(200), request: p('/meetings') },
  'GET /meetings/:meetingId': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}` }) },
  'PATCH /meetings/:meetingId': { expect: managers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}`, body: { place: 'London' } }) },
  'GET /action-items': { expect: signedIn(200), request: async (f) => ({ path: `/action-items?meetingId=${f.meetingId}` }) },
  'GET /search': { expect: signedIn(200), request: p('/search?q=%D8%A7%D9%84%D8%AA%D8%AF%D8%B1%D9%8A%D8%A8') },
  'GET /action-items.csv': { expect: signedIn(200), request: async (f) => ({ path: `/action-items.csv?meetingId=${f.meetingId}` }) },
  'PATCH /action-items/:itemId': {
    expect: [401, 403, 403, 200, 200, 200],
    request: async (f) => ({ path: `/action-items/${f.actionItemId}`, body: { status: 'in_progress' } }),
  },
  'GET /meetings/:meetingId/minutes.pdf': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}/minutes.pdf` }) },
  'GET /meetings/:meetingId/minutes.docx': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}/minutes.docx` }) },
  'GET /meetings/:meetingId/versions': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}/versions` }) },
  'POST /meetings/:meetingId/versions': {
    expect: [401, 403, 403, 201, 201, 201],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/versions`, body: { label: 'matrix' } }),
  },
  'GET /meetings/:meetingId/versions/:versionId/minutes': {
    expect: readers(200),
    request: async (f) => ({ path: `/meetings/${f.meetingId}/versions/${f.versionId}/minutes?format=json` }),
  },
  'GET /meetings/:meetingId/versions/:versionId/minutes.pdf': {
    expect: readers(200),
    request: async (f) => ({ path: `/meetings/${f.meetingId}/versions/${f.versionId}/minutes.pdf` }),
  },
  'GET /meetings/:meetingId/versions/:versionId/minutes.docx': {
    expect: readers(200),
    request: async (f) => ({ path: `/meetings/${f.meetingId}/versions/${f.versionId}/minutes.docx` }),
  },
  'POST /meetings/:meetingId/versions/:versionId/restore': {
    expect: managers(201),
    request: async (f) => ({ path: `/meetings/${f.meetingId}/versions/${f.versionId}/restore` }),
  },
  'GET /meetings/:meetingId/compare': {
    expect: readers(200),
    request: async (f) => ({ path: `/meetings/${f.meetingId}/compare?from=${f.versionId}&to=current` }),
  },
  'GET /meetings/:meetingId/approvals': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}/approvals` }) },
  // Nobody in the matrix is the approver of a side; withdrawing needs circulated minutes.
  'POST /meetings/:meetingId/approvals': {
    expect: [401, 403, 403, 403, 403, 403],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/approvals`, body: { versionId: f.versionId } }),
  },
  'DELETE /meetings/:meetingId/approvals/mine': {
    expect: [401, 403, 409, 409, 409, 409],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/approvals/mine` }),
  },
  'GET /meetings/:meetingId/circulation': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}/circulation` }) },
  'GET /meetings/:meetingId/minutes': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}/minutes?format=text` }) },
  'GET /meetings/:meetingId/amendments': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}/amendments` }) },
  // Observers comment instead.
  'POST /meetings/:meetingId/amendments': {
    expect: [401, 403, 403, 201, 201, 201],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/amendments`, body: { anchor: amendmentAnchor, proposed: '' } }),
  },
  'POST /meetings/:meetingId/amendments/:amendmentId/accept': {
    expect: managers(200),
    request: async (f) => ({ path: `/meetings/${f.meetingId}/amendments/${await f.newAmendment()}/accept` }),
  },
  'POST /meetings/:meetingId/amendments/:amendmentId/reject': {
    expect: managers(200),
    request: async (f) => ({ path: `/meetings/${f.meetingId}/amendments/${await f.newAmendment()}/reject`, body: { reason: 'matrix' } }),
  },
  // Only its author (the delegate) withdraws it.
  'POST /meetings/:meetingId/amendments/:amendmentId/withdraw': {
    expect: [401, 403, 403, 200, 403, 403],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/amendments/${await f.newAmendment()}/withdraw` }),
  },
  // Every member comments, observers included.
  'GET /meetings/:meetingId/comments': { expect: readers(200), request: async (f) => ({ path: `/meetings/${f.meetingId}/comments` }) },
  'POST /meetings/:meetingId/comments': { expect: readers(201), request: async (f) => ({ path: `/meetings/${f.meetingId}/comments`, body: { body: 'matrix' } }) },
  // A comment is changed by its author (the delegate) only; resolved, reopened, deleted by its author or the secretariat.
  'PATCH /meetings/:meetingId/comments/:commentId': {
    expect: [401, 403, 403, 200, 403, 403],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/comments/${await f.newComment()}`, body: { body: 'edited' } }),
  },
  'DELETE /meetings/:meetingId/comments/:commentId': {
    expect: [401, 403, 403, 204, 204, 204],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/comments/${await f.newComment()}` }),
  },
  'POST /meetings/:meetingId/comments/:commentId/resolve': {
    expect: [401, 403, 403, 200, 200, 200],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/comments/${await f.newComment()}/resolve` }),
  },
  'POST /meetings/:meetingId/comments/:commentId/reopen': {
    expect: [401, 403, 403, 200, 200, 200],
    request: async (f) => ({ path: `/meetings/${f.meetingId}/comments/${await f.newComment()}/reopen` }),
  },
};

const t = useTestServer();
/** A collapsed anchor at the end of the fixture's action item (set in beforeAll). */
let amendmentAnchor: Anchor;
const clients = {} as Record<Role, ApiClient>;
const credentials = {} as Record<Exclude<Role, 'anonymous'>, { email: string; password: string }>;
let fixture: Fixture;

beforeAll(async () => {
  const group = await t.admin.createGroup();
  const meeting = await t.admin.createMeeting(group.id);
  clients.anonymous = new ApiClient(t.url);
  clients.admin = t.admin;
  credentials.admin = { email: 'admin@example.test', password: 'admin-password-123' };
  for (const role of ['observer', 'delegate', 'secretary'] as const) {
    const m = await t.admin.addMember(group.id, role);
    clients[role] = m.client;
    credentials[role] = { email: m.email, password: 'member-password-123' };
  }
  const outsider = await t.admin.addMember(group.id, 'observer', 'outsider');
  await t.admin.ok('DELETE', `/api/groups/${group.id}/members/${outsider.userId}`);
  clients.nonMember = outsider.client;
  credentials.nonMember = { email: outsider.email, password: 'member-password-123' };

  // One action item in the minutes, projected, for the PATCH row.
  const writer = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
  await waitFor(() => writer.provider.synced, 5000, 'sync');
  const item = appendActionItem(writer.doc, 'Prepare the joint exercise report', { owner: 'UK' });
  await writer.whenSaved();
  amendmentAnchor = textRangeAnchor(item.text, item.text.length, item.text.length);
  writer.destroy();
  for (let i = 0; i < 100 && (await t.admin.ok<unknown[]>('GET', `/api/action-items?meetingId=${meeting.id}`)).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }

  const newUser = async () =>
    (await t.admin.ok<{ id: string }>('POST', '/api/users', { email: `t${Math.random().toString(36).slice(2)}@example.test`, name: 'Target', password: 'target-password' })).id;
  const version = await t.admin.ok<{ id: string }>('POST', `/api/meetings/${meeting.id}/versions`, { label: 'fixture' });
  fixture = {
    groupId: group.id,
    meetingId: meeting.id,
    actionItemId: item.id,
    versionId: version.id,
    newUser,
    newMember: async () => (await t.admin.addMember(group.id, 'delegate', 'target')).userId,
    newInvitation: () =>
      t.admin.ok<{ id: string; token: string }>('POST', '/api/invitations', { email: `i${Math.random().toString(36).slice(2)}@example.test` }),
    newAmendment: async () =>
      (await clients.delegate.ok<{ id: string }>('POST', `/api/meetings/${meeting.id}/amendments`, { anchor: amendmentAnchor, proposed: '' })).id,
    newComment: async () => (await clients.delegate.ok<{ id: string }>('POST', `/api/meetings/${meeting.id}/comments`, { body: 'a thread' })).id,
    newSessionId: async () => {
      const m = await t.admin.addMember(group.id, 'delegate', 'session-owner');
      const [session] = await t.admin.ok<{ id: string }[]>('GET', `/api/users/${m.userId}/sessions`);
      return session!.id;
    },
  };
}, 120_000);

function routesOfRouter(): string[] {
  const router = apiRouter({ allowedOrigins: new Set() } as never) as unknown as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : [],
  );
}

describe('access matrix', () => {
  it('has a row for every route of the API router, and no row for a route that does not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(routesOfRouter().sort());
  });

  const cells = Object.entries(MATRIX).flatMap(([route, c]) => ROLES.map((role, i) => ({ route, role, status: c.expect[i]!, c })));
  it.each(cells)('$route as $role → $status', async ({ route, role, status, c }) => {
    const method = route.split(' ')[0]!;
    let client = clients[role];
    if (c.freshSession && role !== 'anonymous') {
      client = await ApiClient.signIn(t.url, credentials[role].email, credentials[role].password);
    }
    const { path, body } = await c.request(fixture);
    // A copy: a reply that sets a cookie (invitation accepted) must not change the role's client.
    const res = await new ApiClient(t.url, client.cookie).request(method, `/api${path}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
  });
});

describe('access to the collab websocket', () => {
  const expected: Record<Role, { code?: number; readOnly?: boolean }> = {
    anonymous: { code: 4401 },
    nonMember: { code: 4403 },
    observer: { readOnly: true },
    delegate: { readOnly: false },
    secretary: { readOnly: false },
    admin: { readOnly: false },
  };
  it.each(ROLES)('%s', async (role) => {
    const client = connectYClient(t.url, fixture.meetingId, { cookie: clients[role].cookie });
    const want = expected[role];
    if (want.code) {
      expect((await client.closed).code).toBe(want.code);
    } else {
      await waitFor(() => client.provider.synced, 5000, 'sync');
      const before = await t.admin.minutesText(fixture.meetingId);
      appendParagraph(client.doc, `written by ${role}`);
      if (want.readOnly) await new Promise((r) => setTimeout(r, 300));
      else await client.whenSaved();
      const after = await t.admin.minutesText(fixture.meetingId);
      if (want.readOnly) expect(after).toBe(before);
      else expect(after).toContain(`written by ${role}`);
    }
    client.destroy();
  });
});

describe('access to socket.io', () => {
  it.each(ROLES)('%s', async (role) => {
    const socket = ioClient(t.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: clients[role].cookie ? { cookie: clients[role].cookie! } : {}, reconnection: false });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', (e) => resolve(`refused: ${e.message}`));
    });
    if (role === 'anonymous') {
      expect(outcome).toBe('refused: unauthenticated');
    } else {
      expect(outcome).toBe('connected');
      const watch = await socket.emitWithAck('meeting:watch', fixture.meetingId);
      if (role === 'nonMember') expect(watch).toEqual({ error: expect.stringMatching(/not a member/) });
      else expect(watch).toEqual({ ok: true });
    }
    socket.close();
  });
});

describe('ids in paths', () => {
  // Each path parameter of each route in turn, in the request its matrix row makes, with the rest
  // of the request valid: malformed ('x', an id that cannot be a uuid) or unknown (a new uuid).
  const cases = Object.entries(MATRIX)
    .filter(([route]) => route.includes('/:'))
    .flatMap(([route, c]) =>
      route
        .split(' ')[1]!
        .split('/')
        .flatMap((segment, at) => (segment.startsWith(':') ? [{ route, param: segment, at, c }] : [])),
    );
  it.each(cases)('$route with $param malformed or unknown: a 4xx, never a 5xx', async ({ route, at, c }) => {
    const method = route.split(' ')[0]!;
    const { path, body } = await c.request(fixture);
    const [pathname, query] = path.split('?');
    for (const value of ['x', randomUUID()]) {
      const segments = pathname!.split('/');
      segments[at] = value;
      const request = `${segments.join('/')}${query === undefined ? '' : `?${query}`}`;
      const res = await clients.admin.request(method, `/api${request}`, body);
      expect(res.status, `${method} ${request}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${request}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
    }
  });
});
