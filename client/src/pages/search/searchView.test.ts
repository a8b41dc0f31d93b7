import { describe, expect, it } from 'vitest';
import type { SearchResultDto } from '../../../../shared/api/search.js';
import { groupByMeeting, searchFromQuery, searchQuery, snippetParts } from './searchView.js';

const result = (meetingId: string, blockIndex?: number, groupDigits: SearchResultDto['groupDigits'] = 'western'): SearchResultDto => ({
  kind: blockIndex === undefined ? 'meeting' : 'minutes',
  meetingId,
  groupId: 'g',
  groupDigits,
  meetingTitle: `m ${meetingId}`,
  meetingTitleAr: `م ${meetingId}`,
  meetingTitleEn: `m ${meetingId}`,
  startsAt: '2026-01-01T00:00:00.000Z',
  ...(blockIndex === undefined ? {} : { blockIndex }),
  snippet: 's',
  highlights: [],
});

describe('search view', () => {
  it('groups results by meeting in the order of each meeting’s best result', () => {
    const grouped = groupByMeeting([result('a', 3), result('b', 1), result('a'), result('c', 0), result('b', 9)]);
    expect(grouped.map((g) => [g.meetingId, g.results.map((r) => r.blockIndex ?? 'title')])).toEqual([
      ['a', [3, 'title']],
      ['b', [1, 9]],
      ['c', [0]],
    ]);
  });

  it("keeps each meeting's group digits, in which its date is shown", () => {
    const grouped = groupByMeeting([result('a', 3, 'arabic-indic'), result('b', 1), result('a', undefined, 'arabic-indic')]);
    expect(grouped.map((g) => [g.meetingId, g.groupDigits])).toEqual([
      ['a', 'arabic-indic'],
      ['b', 'western'],
    ]);
  });

  it('cuts a snippet into plain and marked parts, clipping bad offsets', () => {
    expect(snippetParts('تمرين مع NATO', [[0, 5], [9, 13]])).toEqual([
      { text: 'تمرين', marked: true },
      { text: ' مع ', marked: false },
      { text: 'NATO', marked: true },
    ]);
    expect(snippetParts('abc', [[2, 99], [1, 2], [0, 2]])).toEqual([
      { text: 'ab', marked: true },
      { text: 'c', marked: true },
    ]);
    expect(snippetParts('<b>x</b>', [])).toEqual([{ text: '<b>x</b>', marked: false }]);
  });

  it('keeps only what the API accepts from the URL, and writes back what is set', () => {
    const state = searchFromQuery('q=%D8%AA%D9%85%D8%B1%D9%8A%D9%86&kind=bogus&from=2026-02-30&to=2026-03-01&offset=50&groupId=nope');
    expect(state).toEqual({ q: 'تمرين', groupId: '', from: '', to: '2026-03-01', kind: '', offset: 50 });
    expect(searchQuery(state).toString()).toBe('q=%D8%AA%D9%85%D8%B1%D9%8A%D9%86&to=2026-03-01&offset=50');
  });
});
