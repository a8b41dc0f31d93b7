import { describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../../shared/api/actionItems.js';
import { filtersFromQuery, hasFilters, NO_FILTERS, sortItems, trackerQuery } from './tracker.js';

const G = '11111111-1111-4111-8111-111111111111';
const M = '22222222-2222-4222-8222-222222222222';

describe('tracker filters', () => {
  it('round-trip through the URL query, in the API’s names', () => {
    const filters = { groupId: G, meetingId: M, owner: ' الكويت ', status: ['open' as const, 'in_progress' as const], overdue: 'true' as const, dueFrom: '2027-01-01', dueTo: '2027-03-31' };
    const query = trackerQuery(filters).toString();
    expect(query).toBe(`groupId=${G}&meetingId=${M}&owner=%D8%A7%D9%84%D9%83%D9%88%D9%8A%D8%AA&status=open%2Cin_progress&overdue=true&dueFrom=2027-01-01&dueTo=2027-03-31`);
    expect(filtersFromQuery(query)).toEqual({ ...filters, owner: 'الكويت' });
  });

  it('leave out what does not filter, and drop what the API would refuse', () => {
    expect(trackerQuery(NO_FILTERS).toString()).toBe('');
    expect(trackerQuery({ ...NO_FILTERS, status: ['open', 'in_progress', 'done', 'cancelled'] }).toString()).toBe('');
    expect(filtersFromQuery('groupId=nope&status=open,bogus,done&overdue=maybe&dueFrom=2027-02-30&owner=x')).toEqual({
      ...NO_FILTERS,
      status: ['open', 'done'],
      owner: 'x',
    });
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, overdue: 'false' })).toBe(true);
  });
});

function item(id: string, fields: Partial<ActionItemDto>): ActionItemDto {
  return {
    id,
    meetingId: M,
    groupId: G,
    text: '',
    owner: '',
    ownerUserId: null,
    due: '',
    status: 'open',
    updatedAt: '2027-01-01T00:00:00.000Z',
    overdue: false,
    meetingStatus: 'draft',
    meetingTitleAr: 'اجتماع',
    meetingTitleEn: 'Meeting',
    meetingStartsAt: '2027-01-01T07:00:00.000Z',
    groupNameAr: 'مجموعة',
    groupNameEn: 'Group',
    groupDigits: 'western',
    ...fields,
  };
}

describe('sortItems', () => {
  const items = [
    item('a', { text: 'ب', owner: 'United Kingdom', due: '2027-03-01', status: 'done', updatedAt: '2027-01-03T00:00:00.000Z' }),
    item('b', { text: 'أ', owner: 'الكويت', due: '', status: 'open', updatedAt: '2027-01-01T00:00:00.000Z' }),
    item('c', { text: 'ج', owner: '', due: '2027-02-01', status: 'in_progress', updatedAt: '2027-01-02T00:00:00.000Z', meetingStartsAt: '2026-12-01T07:00:00.000Z' }),
  ];
  const ids = (sorted: ActionItemDto[]) => sorted.map((i) => i.id).join('');

  it('puts items without a value last in both directions', () => {
    expect(ids(sortItems(items, { key: 'due', dir: 'asc' }, 'ar'))).toBe('cab');
    expect(ids(sortItems(items, { key: 'due', dir: 'desc' }, 'ar'))).toBe('acb');
    expect(ids(sortItems(items, { key: 'owner', dir: 'asc' }, 'en'))).toBe('abc');
    expect(ids(sortItems(items, { key: 'owner', dir: 'desc' }, 'en'))).toBe('bac');
  });

  it('sorts tasks in the language’s order, statuses in workflow order, meetings by date', () => {
    expect(ids(sortItems(items, { key: 'text', dir: 'asc' }, 'ar'))).toBe('bac');
    expect(ids(sortItems(items, { key: 'status', dir: 'asc' }, 'ar'))).toBe('bca');
    expect(ids(sortItems(items, { key: 'meeting', dir: 'asc' }, 'ar'))[0]).toBe('c');
    expect(ids(sortItems(items, { key: 'updated', dir: 'desc' }, 'ar'))).toBe('acb');
  });
});
