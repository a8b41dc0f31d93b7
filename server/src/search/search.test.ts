import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResultDto, SearchResultsDto } from '../../../shared/api/search.js';
import type { ApiClient } from '../test/apiClient.js';
import { DATABASE_KINDS, useTestDatabases } from '../test/testDatabase.js';
import { startTestServer, type TestServer } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor, type YClient } from '../test/yClient.js';


/**
 * Each normalisation rule: a text in the minutes and a query that differ only by that rule.
 * The texts are made of words no other paragraph of the test uses.
 */
const RULES: { rule: string; text: string; query: string }[] = [
  { rule: 'tashkeel', text: 'مُذَكِّرَةُ تَفَاهُمٍ', query: 'مذكرة تفاهم' },
  { rule: 'tatweel', text: 'الاستـــراتيجية', query: 'الاستراتيجية' },
  { rule: 'alef with hamza above', text: 'أكاديمية', query: 'اكاديمية' },
  { rule: 'alef with hamza below', text: 'إنشاءات', query: 'انشاءات' },
  { rule: 'alef madda', text: 'آليات', query: 'اليات' },
  { rule: 'alef wasla', text: 'ٱستضافة', query: 'استضافة' },
  { rule: 'taa marbuta / haa', text: 'الطائرة المسيرة', query: 'الطائره المسيره' },
  { rule: 'alef maqsura / yaa', text: 'مستشفى', query: 'مستشفي' },
  { rule: 'hamza seat', text: 'مسؤولية', query: 'مسئولية' },
  { rule: 'Arabic-Indic digits', text: 'خطة ٢٠٢٧', query: 'خطة 2027' },
  { rule: 'article ال', text: 'الميزانية', query: 'ميزانية' },
  { rule: 'conjunction و', text: 'وساندهيرست', query: 'ساندهيرست' },
  { rule: 'conjunction ف', text: 'فالمقاعد', query: 'المقاعد' },
  { rule: 'preposition ب', text: 'بالذخائر', query: 'ذخائر' },
  { rule: 'preposition ل', text: 'للمناورات', query: 'مناورات' },
];

/** Both databases in one run when a Postgres server is configured: the SQL must work on each. */
const databases = useTestDatabases();

async function find(client: ApiClient, params: Record<string, string>): Promise<SearchResultsDto> {
  return client.ok<SearchResultsDto>('GET', `/api/search?${new URLSearchParams(params)}`);
}

/** Polls the search until `check` holds; the index's promise is "within 2 seconds" of a commit. */
async function within2s(client: ApiClient, q: string, check: (r: SearchResultsDto) => boolean): Promise<SearchResultsDto> {
  const start = Date.now();
  let last: SearchResultsDto | undefined;
  while (Date.now() - start < 2000) {
    last = await find(client, { q });
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not in the search results within 2 s: ${q} → ${JSON.stringify(last)}`);
}

const marked = (r: SearchResultDto) => r.highlights.map(([s, e]) => r.snippet.slice(s, e));

describe.each(DATABASE_KINDS)('search (%s database)', (kind) => {
  let t: TestServer;
  let groupA: string;
  let groupB: string;
  let meetingA: string;
  let meetingB: string;
  let member: ApiClient;
  let outsider: ApiClient;
  let editor: YClient;
  const blockOf = new Map<string, number>();

  beforeAll(async () => {
    const db = await databases.create(kind);
    t = await startTestServer(db);
    groupA = (await t.admin.createGroup()).id;
    groupB = (await t.admin.createGroup('مجموعة الصحة', 'Health')).id;
    await t.admin.ok('PATCH', `/api/groups/${groupB}`, { digits: 'arabic-indic' });
    meetingA = (await t.admin.createMeeting(groupA, { titleAr: 'اجتماع كلية ساندهيرست', titleEn: 'Sandhurst college meeting', startsAt: '2026-03-01T10:00:00+03:00' })).id;
    meetingB = (await t.admin.createMeeting(groupB, { startsAt: '2027-05-01T10:00:00+03:00' })).id;
    member = (await t.admin.addMember(groupA, 'observer', 'reader')).client;
    outsider = (await t.admin.addMember(groupB, 'delegate', 'outsider')).client;

    editor = connectYClient(t.url, meetingA, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 10_000, 'sync');
    for (const { text } of RULES) appendParagraph(editor.doc, text);
    appendParagraph(editor.doc, 'The delegations agreed on the training places', 'ltr');
    appendParagraph(editor.doc, 'سيبدأ التمرين المشترك مع NATO في الربيع');
    appendParagraph(editor.doc, 'التمرين الجوي بلا شركاء');
    appendActionItem(editor.doc, 'تجهيز قائمة المشتريات الدفاعية', { owner: 'الكويت' });
    await editor.whenSaved();
    const other = connectYClient(t.url, meetingB, { cookie: t.admin.cookie });
    await waitFor(() => other.provider.synced, 10_000, 'sync');
    appendParagraph(other.doc, 'تجهيز قائمة المشتريات الطبية');
    await other.whenSaved();
    other.destroy();
    await within2s(t.admin, 'المشتريات', (r) => r.results.filter((x) => x.kind === 'actionItem').length === 1 && r.total === 2);
    const texts = await t.admin.minutesText(meetingA);
    texts.split('\n').forEach((line, index) => blockOf.set(line, index));
  }, 120_000);
  afterAll(async () => {
    editor?.destroy();
    await t?.close();
  });

  it.each(RULES)('matches across the rule: $rule', async ({ text, query }) => {
    expect(query).not.toBe(text);
    const [same] = await t.server.ctx.db.sql<{ same: boolean }[]>`select mahdar_norm(${query}) = mahdar_norm(${text}) as same`;
    expect(same!.same).toBe(true);
    const { results } = await find(member, { q: query });
    const hit = results.find((r) => r.meetingId === meetingA && r.blockIndex === blockOf.get(text));
    expect(hit, JSON.stringify(results)).toBeDefined();
    expect(hit).toMatchObject({ kind: 'minutes', snippet: text, groupId: groupA });
    // The words shown marked are the text's own, marks and all.
    expect(marked(hit!).join(' ')).toBe(text);
  });

  it('stems English: "agreeing delegation" finds "delegations agreed"', async () => {
    const { results } = await find(member, { q: 'agreeing delegation' });
    expect(results[0]).toMatchObject({ kind: 'minutes', snippet: 'The delegations agreed on the training places' });
    expect(marked(results[0]!)).toEqual(['delegations', 'agreed']);
    // By the stem: "agreeing" neither begins "agreed" nor is it close enough in trigrams.
    const [row] = await t.server.ctx.db.sql<{ tq: string }[]>`select mahdar_search_query('agreeing')::text as tq`;
    expect(row!.tq).toContain("'agre'");
    expect(row!.tq).not.toContain('agreed');
  });

  it('a mixed query needs both words and ranks the paragraph with both first', async () => {
    const { results } = await find(member, { q: 'تمرين NATO' });
    expect(results[0]!.snippet).toBe('سيبدأ التمرين المشترك مع NATO في الربيع');
    expect(marked(results[0]!)).toEqual(['التمرين', 'NATO']);
    expect(results.some((r) => r.snippet === 'التمرين الجوي بلا شركاء')).toBe(false);
  });

  it('finds partial words and typos by trigrams', async () => {
    expect((await find(member, { q: 'ساندهيرس' })).results.some((r) => r.snippet === 'وساندهيرست')).toBe(true);
    expect((await find(member, { q: 'ستراتيجيه' })).results.some((r) => r.snippet === 'الاستـــراتيجية')).toBe(true);
  });

  it('finds meetings by title and action items, with their kind', async () => {
    const byTitle = await find(member, { q: 'Sandhurst' });
    expect(byTitle.results[0]).toMatchObject({ kind: 'meeting', meetingId: meetingA, meetingTitle: 'اجتماع كلية ساندهيرست' });
    // Both titles: the interface shows the one of the language it is in, whatever the stored preference.
    expect(byTitle.results[0]).toMatchObject({ meetingTitleAr: 'اجتماع كلية ساندهيرست', meetingTitleEn: 'Sandhurst college meeting' });
    expect(byTitle.results[0]).not.toHaveProperty('blockIndex');
    const items = await find(member, { q: 'المشتريات', kind: 'actionItem' });
    expect(items.results.map((r) => [r.kind, r.snippet])).toEqual([['actionItem', 'تجهيز قائمة المشتريات الدفاعية']]);
  });

  it('shows only what the caller may read; a group filter elsewhere finds nothing', async () => {
    const all = await find(t.admin, { q: 'تجهيز قائمة المشتريات' });
    expect(new Set(all.results.map((r) => r.meetingId))).toEqual(new Set([meetingA, meetingB]));
    const mine = await find(member, { q: 'تجهيز قائمة المشتريات' });
    expect(mine.results.map((r) => r.meetingId)).toEqual([meetingA]);
    expect(mine.total).toBe(1);
    const theirs = await find(outsider, { q: 'تجهيز قائمة المشتريات' });
    expect(theirs.results.map((r) => r.meetingId)).toEqual([meetingB]);
    // The title of group A's meeting is not theirs either, even with a filter naming the group.
    expect(await find(outsider, { q: 'ساندهيرست' })).toEqual({ results: [], total: 0 });
    expect(await find(outsider, { q: 'ساندهيرست', groupId: groupA })).toEqual({ results: [], total: 0 });
  });

  it("gives each result its group's digits, in which the page writes its meeting's date", async () => {
    const { results } = await find(t.admin, { q: 'تجهيز قائمة المشتريات' });
    expect(new Set(results.map((r) => `${r.groupId === groupA ? 'A' : 'B'}:${r.groupDigits}`))).toEqual(new Set(['A:western', 'B:arabic-indic']));
  });

  it('filters by group, date range and kind, and validates the query', async () => {
    const q = 'تجهيز قائمة المشتريات';
    expect((await find(t.admin, { q, groupId: groupB })).results.map((r) => r.meetingId)).toEqual([meetingB]);
    expect((await find(t.admin, { q, from: '2027-01-01' })).results.map((r) => r.meetingId)).toEqual([meetingB]);
    expect((await find(t.admin, { q, to: '2026-03-01' })).results.map((r) => r.meetingId)).toEqual([meetingA]);
    expect((await find(t.admin, { q, kind: 'meeting' })).total).toBe(0);
    for (const [params, path] of [[{}, 'q'], [{ q: 'x', kind: 'all' }, 'kind'], [{ q: 'x', offset: '-1' }, 'offset'], [{ q: 'x', from: '2026-02-30' }, 'from'], [{ q: 'x', extra: '1' }, '']] as const) {
      const res = await member.request('GET', `/api/search?${new URLSearchParams(params as Record<string, string>)}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error.issues)).toContain(path);
    }
  });

  it('pages 50 results at a time with offset, best first', async () => {
    for (let i = 0; i < 60; i++) appendParagraph(editor.doc, `بند المراجعة رقم ${i}`);
    await editor.whenSaved();
    const first = await within2s(member, 'بند المراجعة', (r) => r.total === 60);
    expect(first.results).toHaveLength(50);
    const second = await find(member, { q: 'بند المراجعة', offset: '50' });
    expect(second.results).toHaveLength(10);
    const seen = new Set([...first.results, ...second.results].map((r) => r.blockIndex));
    expect(seen.size).toBe(60);
  });

  it('marks the words in the snippet of a long block, around its first match', async () => {
    const text = `${'تمهيد '.repeat(120)}وبالاستطلاع الجوي ${'خاتمة '.repeat(120)}`.trim();
    appendParagraph(editor.doc, text);
    const found = await within2s(member, 'استطلاع', (r) => r.results.length > 0);
    const hit = found.results[0]!;
    expect(hit.blockIndex).toBeDefined();
    expect(hit.snippet.startsWith('…') && hit.snippet.endsWith('…')).toBe(true);
    expect(hit.snippet.length).toBeLessThan(text.length / 2);
    expect(marked(hit)).toEqual(['وبالاستطلاع']);
  });

  it('follows an edit of the live minutes within 2 s', async () => {
    const line = appendParagraph(editor.doc, 'جدول زيارة الوفد');
    await within2s(member, 'زيارة الوفد', (r) => r.results.some((x) => x.snippet === 'جدول زيارة الوفد'));
    line.delete(0, line.length);
    line.insert(0, 'جدول مناورة بحرية');
    await within2s(member, 'مناورة بحرية', (r) => r.results.some((x) => x.snippet === 'جدول مناورة بحرية'));
    await within2s(member, 'زيارة الوفد', (r) => !r.results.some((x) => x.meetingId === meetingA && x.kind === 'minutes'));
  });
});
