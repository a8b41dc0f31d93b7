import { describe, expect, it } from 'vitest';
import { isIsoDateTime } from '../../../shared/api/fields.js';
import { fuzzSeeds, withSeed, type Random } from '../../../shared/testing/seeds.js';
import { useTestMeeting, useTestServer } from '../test/testServer.js';

const t = useTestServer();
const fixture = useTestMeeting(t);

const pieces = ['محضر', 'Minutes', ' ', 'é', '😀', '\u200f', '\t', '\ufeff', '\\', '"', '0'];
const text = (random: Random) => Array.from({ length: random.int(0, 6) }, () => random.pick(pieces)).join('');

/** Text fields of the request bodies, each with a body that is valid around it. */
const targets: { name: string; method: string; path: () => string; body: (field: string, value: string) => unknown; fields: string[] }[] = [
  { name: 'group', method: 'POST', path: () => '/api/groups', body: (f, v) => ({ nameAr: 'ا', nameEn: 'E', [f]: v }), fields: ['nameAr', 'nameEn'] },
  {
    name: 'meeting details',
    method: 'PATCH',
    path: () => `/api/meetings/${fixture.meetingId}`,
    body: (f, v) => (f.startsWith('delegations') ? { delegations: [{ name: f.endsWith('name') ? v : 'D', attendees: [{ name: 'A', role: f.endsWith('role') ? v : '' }] }] } : { [f]: v }),
    fields: ['titleAr', 'titleEn', 'place', 'timeZone', 'delegations.0.name', 'delegations.0.attendees.0.role'],
  },
  { name: 'user', method: 'POST', path: () => '/api/users', body: (f, v) => ({ email: `f${Math.random()}@example.test`, name: 'N', password: 'a-long-password', [f]: v }), fields: ['name', 'email'] },
];

describe('random text with a NUL in any field of any body: a 400 naming that field', () => {
  it.each(fuzzSeeds([1, 2, 3]))('seed %i', (seed) =>
    withSeed(seed, async (random) => {
      for (let i = 0; i < 15; i++) {
        const target = random.pick(targets);
        const field = random.pick(target.fields);
        const value = text(random);
        const at = random.int(0, value.length);
        const res = await t.admin.request(target.method, target.path(), target.body(field, value.slice(0, at) + '\u0000' + value.slice(at)));
        expect(res.status, `${target.name}.${field}`).toBe(400);
        expect(res.body.error.issues.map((issue: { path: string }) => issue.path), `${target.name}.${field}`).toContain(field);
      }
    }),
  );
});

describe('random date-times for startsAt: stored when the shared validator accepts them, else a 400 naming startsAt', () => {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const dateTime = (random: Random) =>
    `${random.pick(['0000', '0001', '1970', '2026', '9999', pad(random.int(0, 9999), 4)])}-${pad(random.int(0, 13), 2)}-${pad(random.int(0, 32), 2)}` +
    `T${pad(random.int(0, 24), 2)}:${pad(random.int(0, 60), 2)}${random.pick(['', ':00', ':59.5', ':60'])}` +
    random.pick(['Z', '+14:00', '-12:00', '+14:01', '+23:59', '-00:00', '+05:45', '+0300', '']);

  it.each(fuzzSeeds([11, 12, 13]))('seed %i', (seed) =>
    withSeed(seed, async (random) => {
      for (let i = 0; i < 20; i++) {
        const startsAt = dateTime(random);
        const res = await t.admin.request('PATCH', `/api/meetings/${fixture.meetingId}`, { startsAt });
        expect(res.status, startsAt).toBe(isIsoDateTime(startsAt) ? 200 : 400);
        if (res.status === 400) expect(res.body.error.issues[0].path).toBe('startsAt');
        // Stored, it reads back as the same instant, in the answer and in the meeting (years 1–999 too).
        else {
          const read = await t.admin.request('GET', `/api/meetings/${fixture.meetingId}`);
          for (const stored of [res.body.startsAt, read.body.startsAt]) expect(Date.parse(stored), startsAt).toBe(Date.parse(startsAt));
        }
      }
    }),
  );
});
