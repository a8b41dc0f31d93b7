import { gzipSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestMeeting, useTestServer } from '../test/testServer.js';

const t = useTestServer();
const fixture = useTestMeeting(t);

type Issues = { error: { code: string; message: string; issues: { path: string; message: string }[] } };

/** A 400 whose issues name exactly `field`. */
async function expectFieldError(res: Promise<{ status: number; body: unknown }>, field: string, message: RegExp): Promise<void> {
  const { status, body } = await res;
  expect(status, JSON.stringify(body)).toBe(400);
  const { error } = body as Issues;
  expect(error.code).toBe('invalid');
  expect(error.issues.map((i) => i.path)).toContain(field);
  expect(error.issues.find((i) => i.path === field)!.message).toMatch(message);
}

const meeting = (fields: Record<string, unknown>) => ({ titleAr: 'اجتماع', titleEn: 'Meeting', startsAt: '2027-01-10T09:00:00+03:00', ...fields });

describe('a NUL character (U+0000, which Postgres cannot store) is a 400 naming the field', () => {
  const cases: [string, string, string, unknown, string][] = [
    ['group name', 'POST', '/api/groups', { nameAr: 'مجموعة\u0000', nameEn: 'Group' }, 'nameAr'],
    ['meeting title', 'POST', '/groups/:g/meetings', meeting({ titleEn: 'Sixteenth\u0000meeting' }), 'titleEn'],
    ['meeting place (patch)', 'PATCH', '/meetings/:m', { place: '\u0000' }, 'place'],
    ['attendee name, deep in a list', 'PATCH', '/meetings/:m', { delegations: [{ name: 'Kuwait', attendees: [{ name: 'A', title: 'x\u0000' }] }] }, 'delegations.0.attendees.0.title'],
    ['sign-in email', 'POST', '/api/auth/login', { email: 'admin\u0000@example.test', password: 'x' }, 'email'],
    ['user name', 'POST', '/api/users', { email: 'nul@example.test', name: 'N\u0000', password: 'a-long-password' }, 'name'],
    ['a key', 'POST', '/api/groups', { nameAr: 'a', nameEn: 'b', ['x\u0000']: 1 }, 'x\\u0000'],
  ];
  it.each(cases)('%s', async (_name, method, path, body, field) => {
    const url = path.replace('/groups/:g', `/api/groups/${fixture.groupId}`).replace('/meetings/:m', `/api/meetings/${fixture.meetingId}`);
    await expectFieldError(t.admin.request(method, url, body), field, /NUL/);
  });

  it('in a query parameter and in a path parameter', async () => {
    await expectFieldError(t.admin.request('GET', '/api/action-items?owner=UK%00'), 'owner', /NUL/);
    await expectFieldError(t.admin.request('GET', '/api/users/lookup?email=a%00@b'), 'email', /NUL/);
    await expectFieldError(t.admin.request('DELETE', '/api/sessions/%00'), 'sessionId', /NUL/);
    await expectFieldError(t.admin.request('POST', '/api/invitations/abc%00/accept', { name: 'N', password: 'a-long-password' }), 'token', /NUL/);
  });

  it('nothing was stored, and the server goes on', async () => {
    const groups = await t.admin.ok<{ nameAr: string }[]>('GET', '/api/groups');
    expect(groups.some((g) => g.nameAr.includes('\u0000'))).toBe(false);
    expect((await t.admin.request('GET', `/api/meetings/${fixture.meetingId}`)).status).toBe(200);
  });
});

describe('dates Postgres cannot store are a 400 naming the field', () => {
  it.each([
    ['year 0000', '0000-12-02T10:00:00+03:00'],
    ['year 0000 in UTC (0001 at +14:00)', '0001-01-01T00:00:00+14:00'],
    ['after 9999 in UTC', '9999-12-31T23:00:00-12:00'],
    ['30 February', '2026-02-30T10:00:00+03:00'],
    ['an offset beyond ±14:00', '2026-02-10T10:00:00+23:59'],
    ['no offset', '2026-02-10T10:00:00'],
    ['a five-digit year', '+12026-02-10T10:00:00Z'],
  ])('startsAt with %s', async (_name, startsAt) => {
    await expectFieldError(t.admin.request('POST', `/api/groups/${fixture.groupId}/meetings`, meeting({ startsAt })), 'startsAt', /offset/);
    await expectFieldError(t.admin.request('PATCH', `/api/meetings/${fixture.meetingId}`, { startsAt }), 'startsAt', /offset/);
  });

  it('accepts the edges that can be stored', async () => {
    for (const startsAt of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-12-02T10:00:00-12:00', '2028-02-29T10:00:00+14:00']) {
      expect((await t.admin.request('PATCH', `/api/meetings/${fixture.meetingId}`, { startsAt })).status, startsAt).toBe(200);
    }
  });

  it.each(['dueFrom', 'dueTo'])('%s with year 0000 or a day that does not exist', async (field) => {
    await expectFieldError(t.admin.request('GET', `/api/action-items?${field}=0000-01-01`), field, /YYYY-MM-DD/);
    await expectFieldError(t.admin.request('GET', `/api/action-items.csv?${field}=2027-02-29`), field, /YYYY-MM-DD/);
    expect((await t.admin.request('GET', `/api/action-items?${field}=0001-01-01`)).status).toBe(200);
  });
});

describe('bodies the parser refuses are a 400 naming the header', () => {
  const send = (headers: Record<string, string>, body: Buffer | string) =>
    fetch(`${t.url}/api/groups`, { method: 'POST', headers: { cookie: t.admin.cookie!, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) }).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as unknown,
    }));
  const group = JSON.stringify({ nameAr: 'مجموعة', nameEn: 'Group' });

  it.each(['foo', 'latin1', 'utf-7'])('unknown charset %s', async (charset) => {
    await expectFieldError(send({ 'content-type': `application/json; charset=${charset}` }, group), 'content-type', /charset/);
  });

  it.each([
    ['gzip', 'not gzip at all'],
    ['deflate', 'not deflate at all'],
    ['br', 'not brotli at all'],
    ['gzip', gzipSync(group).subarray(0, 12)],
    ['deflate', deflateSync(group).subarray(0, 6)],
  ])('broken %s body', async (encoding, body) => {
    await expectFieldError(send({ 'content-type': 'application/json', 'content-encoding': encoding }, body), 'content-encoding', /decompress/);
  });

  it('an unknown content encoding', async () => {
    await expectFieldError(send({ 'content-type': 'application/json', 'content-encoding': 'zip' }, group), 'content-encoding', /not supported/);
  });

  it('malformed JSON and a malformed percent-encoded path', async () => {
    await expectFieldError(send({ 'content-type': 'application/json' }, '{"nameAr":'), '(body)', /JSON/);
    await expectFieldError(t.admin.request('GET', '/api/meetings/%E0%A4%A'), 'path', /percent-encoding/);
  });

  it('a body of another content type, or none named, instead of being read as no body', async () => {
    await expectFieldError(send({ 'content-type': 'text/plain' }, group), 'content-type', /"text\/plain" is not supported; send application\/json/);
    await expectFieldError(send({ 'content-type': 'application/x-www-form-urlencoded' }, 'nameAr=x&nameEn=y'), 'content-type', /not supported/);
    await expectFieldError(send({}, new Uint8Array(Buffer.from(group)) as unknown as Buffer), 'content-type', /missing/);
  });

  it('bytes that are not UTF-8 (Windows-1256 Arabic), instead of storing U+FFFD in their place', async () => {
    // «مجموعة» in Windows-1256: what a legacy client would send.
    const cp1256 = Buffer.concat([Buffer.from('{"nameAr":"'), Buffer.from([0xe3, 0xcc, 0xe3, 0xe6, 0xda, 0xc9]), Buffer.from('","nameEn":"Group"}')]);
    await expectFieldError(send({ 'content-type': 'application/json' }, cp1256), '(body)', /UTF-8/);
    await expectFieldError(send({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(cp1256)), '(body)', /UTF-8/);
  });

  it('JSON that is not an object says so', async () => {
    for (const body of ['"a group"', '42', 'null']) await expectFieldError(send({ 'content-type': 'application/json' }, body), '(body)', /must be a JSON object/);
    await expectFieldError(send({ 'content-type': 'application/json' }, '[1]'), '(root)', /object/);
  });

  it('a well-formed gzip body is accepted', async () => {
    expect((await send({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(group))).status).toBe(201);
  });
});
