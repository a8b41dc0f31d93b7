import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKED_MATCHES } from '../../../db/queries/searchRanked.js';
import type { SearchResultDto, SearchResultsDto } from '../../../shared/api/search.js';
import type { ApiClient } from '../test/apiClient.js';
import { DATABASE_KINDS, useTestDatabases } from '../test/testDatabase.js';
import { startTestServer, type TestServer } from '../test/testServer.js';

/**
 * A common word: more matches than the server ranks (`RANKED_MATCHES`). The blocks are written
 * into the search table directly (as the projection writes them), hundreds at once.
 */
const databases = useTestDatabases();

const marked = (r: SearchResultDto) => r.highlights.map(([s, e]) => r.snippet.slice(s, e));

describe.each(DATABASE_KINDS)('search of a common word (%s database)', (kind) => {
  let t: TestServer;
  let member: ApiClient;
  /** Newest first. */
  const meetings: string[] = [];
  const perMeeting = Math.ceil(RANKED_MATCHES / 6);

  beforeAll(async () => {
    t = await startTestServer(await databases.create(kind));
    const group = (await t.admin.createGroup()).id;
    member = (await t.admin.addMember(group, 'observer', 'reader')).client;
    for (let i = 0; i < 20; i++) {
      const day = String(28 - i).padStart(2, '0');
      meetings.push((await t.admin.createMeeting(group, { startsAt: `2026-02-${day}T10:00:00+03:00` })).id);
    }
    // Every meeting: `perMeeting` blocks with «التعاون» (6 meetings hold as many as are ranked),
    // the oldest one also a rare word, the six newest a word of 40 blocks each (240 in all), and
    // all but the 4 newest «الدفاع» in every block.
    const rows = meetings.flatMap((meetingId, m) =>
      Array.from({ length: perMeeting }, (_, i) => ({
        meetingId,
        index: i,
        text: `ناقش الجانبان التعاون في البند ${i}${m === 19 && i === 0 ? ' وكلية ساندهيرست' : ''}${m < 6 && i < 40 ? ' والمناورات' : ''}${m >= 4 ? ' والدفاع' : ''}`,
      })),
    );
    await t.server.ctx.db.sql`
      insert into search_entries (meeting_id, kind, block_index, text)
      select r.meeting_id, 'minutes', r.block_index, r.text
      from unnest(${rows.map((r) => r.meetingId)}::uuid[], ${rows.map((r) => r.index)}::int[], ${rows.map((r) => r.text)}::text[]) as r (meeting_id, block_index, text)`;
  }, 120_000);
  afterAll(() => t?.close());

  it('ranks the newest meetings holding enough matches, and says the total is a lower bound', async () => {
    const first = await member.ok<SearchResultsDto>('GET', `/api/search?q=${encodeURIComponent('التعاون')}`);
    expect(first.totalIsLowerBound).toBe(true);
    // The 8 newest meetings (the first window that holds enough), all their matches.
    expect(first.total).toBe(8 * perMeeting);
    expect(first.total).toBeGreaterThanOrEqual(RANKED_MATCHES);
    expect(first.results).toHaveLength(50);
    const newest = new Set(meetings.slice(0, 8));
    expect(first.results.every((r) => newest.has(r.meetingId))).toBe(true);
    expect(marked(first.results[0]!)).toEqual(['التعاون']);
    // The pages end at the total.
    const last = await member.ok<SearchResultsDto>('GET', `/api/search?q=${encodeURIComponent('التعاون')}&offset=${first.total - 10}`);
    expect(last.results).toHaveLength(10);
    const beyond = await member.ok<SearchResultsDto>('GET', `/api/search?q=${encodeURIComponent('التعاون')}&offset=${first.total}`);
    expect(beyond).toEqual({ results: [], total: first.total, totalIsLowerBound: true });
  });

  it('widens the window of newest meetings until it holds enough matches', async () => {
    // The 8 newest hold 4 × 50; the 16 newest, 12 × 50.
    const found = await member.ok<SearchResultsDto>('GET', `/api/search?q=${encodeURIComponent('الدفاع')}`);
    expect(found).toMatchObject({ total: 12 * perMeeting, totalIsLowerBound: true });
    const window = new Set(meetings.slice(4, 16));
    expect(found.results.every((r) => window.has(r.meetingId))).toBe(true);
    expect(marked(found.results[0]!)).toEqual(['والدفاع']);
  });

  it('counts exactly when the matches fit, however old the meeting', async () => {
    const rare = await member.ok<SearchResultsDto>('GET', `/api/search?q=${encodeURIComponent('ساندهيرست')}`);
    expect(rare).toMatchObject({ total: 1, results: [{ meetingId: meetings[19] }] });
    expect(rare).not.toHaveProperty('totalIsLowerBound');
    // 240 matches: fewer than are ranked, all counted.
    const some = await member.ok<SearchResultsDto>('GET', `/api/search?q=${encodeURIComponent('مناورات')}`);
    expect(some.total).toBe(240);
    expect(some).not.toHaveProperty('totalIsLowerBound');
  });

  it('narrowed by kind or date, a common word is counted among what the filter leaves', async () => {
    const found = await member.ok<SearchResultsDto>('GET', `/api/search?q=${encodeURIComponent('التعاون')}&to=2026-02-10`);
    // The meetings of the 10th and the 9th, the two oldest: fewer matches than are ranked.
    expect(found.totalIsLowerBound).toBeUndefined();
    expect(found.total).toBe(2 * perMeeting);
    expect(found.results.every((r) => meetings.slice(18).includes(r.meetingId))).toBe(true);
  });
});
