import { describe, expect, it } from 'vitest';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { draftOf, emptyAttendee, patchOf } from './detailsDraft.js';
import { ownerSuggestions } from './ownerSuggestions.js';
import { mergeMeeting } from './useLiveMeeting.js';

const MEETING: MeetingDto = {
  id: 'm1',
  groupId: 'g1',
  titleAr: 'الاجتماع السادس عشر',
  titleEn: 'Sixteenth meeting',
  startsAt: '2027-03-10T07:00:00.000Z',
  sessionNumber: 16,
  timeZone: 'Asia/Kuwait',
  place: '',
  isVirtual: true,
  language: 'both',
  status: 'draft',
  delegations: [
    { name: 'الكويت', attendees: [{ name: 'فهد المطيري', title: 'وكيل الوزارة', role: 'رئيس الوفد' }] },
    { name: 'United Kingdom', attendees: [{ name: 'Sarah Thompson', title: '', role: 'Head of delegation' }] },
  ],
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-02T00:00:00.000Z',
  access: 'manage',
};

describe('details form', () => {
  it('shows the date on the meeting’s own clock and sends nothing when nothing changed', () => {
    const draft = draftOf(MEETING);
    expect(draft.startsAt).toBe('2027-03-10T10:00');
    expect(draft.sessionNumber).toBe('16');
    expect(patchOf(MEETING, draft)).toEqual({});
  });

  it('sends only the changed fields', () => {
    const draft = draftOf(MEETING);
    draft.isVirtual = false;
    draft.place = '  لندن ';
    draft.delegations[1]!.attendees.push({ ...emptyAttendee(), name: 'Emily Clarke', role: 'Member' });
    // A row left empty is not sent.
    draft.delegations[0]!.attendees.push(emptyAttendee());
    expect(patchOf(MEETING, draft)).toEqual({
      isVirtual: false,
      place: 'لندن',
      delegations: [
        MEETING.delegations[0],
        { name: 'United Kingdom', attendees: [...MEETING.delegations[1]!.attendees, { name: 'Emily Clarke', title: '', role: 'Member' }] },
      ],
    });
  });

  it('reads a new time in the chosen zone, and clears the session number', () => {
    const draft = draftOf(MEETING);
    draft.startsAt = '2027-03-10T09:30';
    draft.timeZone = 'Europe/London';
    draft.sessionNumber = '';
    expect(patchOf(MEETING, draft)).toEqual({ startsAt: '2027-03-10T09:30:00+00:00', timeZone: 'Europe/London', sessionNumber: null });
    draft.startsAt = '';
    expect(patchOf(MEETING, draft)).toBe('badDate');
  });
});

describe('owner suggestions', () => {
  it('offer delegations first, then attendees by name and title, once each', () => {
    expect(ownerSuggestions([...MEETING.delegations, { name: 'الكويت', attendees: [] }])).toEqual([
      { value: 'الكويت' },
      { value: 'United Kingdom' },
      { value: 'فهد المطيري', label: 'وكيل الوزارة — الكويت' },
      { value: 'وكيل الوزارة', label: 'فهد المطيري — الكويت' },
      { value: 'Sarah Thompson', label: 'United Kingdom' },
    ]);
  });
});

describe('mergeMeeting', () => {
  const { access: _access, ...event } = MEETING;

  it('takes a newer broadcast and keeps the caller’s access', () => {
    const next = mergeMeeting(MEETING, { ...event, place: 'لندن', updatedAt: '2027-01-03T00:00:00.000Z' });
    expect(next).toMatchObject({ place: 'لندن', access: 'manage' });
  });

  it('ignores an older answer that arrives late, but takes its access', () => {
    const current = { ...MEETING, place: 'لندن', updatedAt: '2027-01-03T00:00:00.000Z' };
    expect(mergeMeeting(current, { ...MEETING, access: 'read' })).toEqual({ ...current, access: 'read' });
  });
});
