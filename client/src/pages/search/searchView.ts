import type { SearchResultDto } from '../../../../shared/api/search.js';
import { SEARCH_KINDS, type SearchKind } from '../../../../shared/api/searchOptions.js';
import type { DigitPolicy } from '../../../../shared/domain.js';
import { isUuid } from '../../../../shared/ids.js';
import { isIsoDate } from '../../lib/actionItemStatus.js';

/** The search page's state, as in its URL and in `GET /api/search`. */
export interface SearchState {
  q: string;
  groupId: string;
  from: string;
  to: string;
  kind: '' | SearchKind;
  offset: number;
}

export const NO_SEARCH: SearchState = { q: '', groupId: '', from: '', to: '', kind: '', offset: 0 };

/** The state from a URL query; anything the API would refuse is dropped. */
export function searchFromQuery(search: string): SearchState {
  const q = new URLSearchParams(search);
  const kind = q.get('kind') ?? '';
  const date = (name: string) => {
    const value = q.get(name) ?? '';
    return isIsoDate(value) ? value : '';
  };
  const offset = Number(q.get('offset') ?? 0);
  return {
    q: (q.get('q') ?? '').slice(0, 200),
    groupId: isUuid(q.get('groupId') ?? '') ? q.get('groupId')! : '',
    from: date('from'),
    to: date('to'),
    kind: (SEARCH_KINDS as readonly string[]).includes(kind) ? (kind as SearchKind) : '',
    offset: Number.isInteger(offset) && offset > 0 && offset < 1_000_000 ? offset : 0,
  };
}

/** The query for the API and the page's URL (empty values left out). */
export function searchQuery(state: SearchState): URLSearchParams {
  const q = new URLSearchParams();
  if (state.q.trim()) q.set('q', state.q.trim());
  if (state.groupId) q.set('groupId', state.groupId);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.kind) q.set('kind', state.kind);
  if (state.offset > 0) q.set('offset', String(state.offset));
  return q;
}

export interface MeetingResults {
  meetingId: string;
  groupId: string;
  /** Its group's digits, in which its date is written. */
  groupDigits: DigitPolicy;
  meetingTitleAr: string;
  meetingTitleEn: string;
  startsAt: string;
  results: SearchResultDto[];
}

/** Results grouped by meeting, meetings in the order of their best result (the API's order). */
export function groupByMeeting(results: SearchResultDto[]): MeetingResults[] {
  const groups = new Map<string, MeetingResults>();
  for (const result of results) {
    let group = groups.get(result.meetingId);
    if (!group) {
      const { meetingId, groupId, groupDigits, meetingTitleAr, meetingTitleEn, startsAt } = result;
      group = { meetingId, groupId, groupDigits, meetingTitleAr, meetingTitleEn, startsAt, results: [] };
      groups.set(result.meetingId, group);
    }
    group.results.push(result);
  }
  return [...groups.values()];
}

/**
 * A snippet cut into plain and marked parts by its highlights (UTF-16 offsets, as the API gives
 * them). Overlapping or out-of-range highlights are clipped rather than trusted.
 */
export function snippetParts(snippet: string, highlights: [number, number][]): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of [...highlights].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(rawStart, snippet.length));
    const end = Math.max(start, Math.min(rawEnd, snippet.length));
    if (end === start) continue;
    if (start > at) parts.push({ text: snippet.slice(at, start), marked: false });
    parts.push({ text: snippet.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false });
  return parts;
}
