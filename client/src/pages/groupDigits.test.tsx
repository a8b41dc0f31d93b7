// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import type { HomeMeetingDto } from '../../../shared/api/home.js';
import type { SearchResultDto } from '../../../shared/api/search.js';
import type { DigitPolicy } from '../../../shared/domain.js';
import { useDomRoot } from '../testing/domRoot.js';
import { ItemRow } from './actionItems/TrackerTable.js';
import { MyActionItems } from './home/MyActionItems.js';
import { MyMeetings } from './home/MyMeetings.js';
import { SearchResults } from './search/SearchResults.js';

/**
 * The pages spanning groups (home, tracker, search) write a group's meetings and items in that
 * group's digits, as its own pages, minutes and PDF do; their counts, which belong to no group,
 * in the interface's (Arabic-Indic in Arabic).
 */

const ARABIC_INDIC = /[٠-٩]/;
const WESTERN = /[0-9]/;

function meeting(id: string, groupDigits: DigitPolicy): HomeMeetingDto {
  return {
    id,
    groupId: `g-${groupDigits}`,
    titleAr: `اجتماع ${id}`,
    titleEn: `Meeting ${id}`,
    startsAt: '2026-11-15T11:30:00.000Z',
    sessionNumber: 17,
    timeZone: 'Asia/Kuwait',
    place: 'الكويت',
    isVirtual: false,
    language: 'ar',
    status: 'draft',
    delegations: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    access: 'read',
    groupNameAr: 'مجموعة',
    groupNameEn: 'Group',
    groupDigits,
  };
}

function item(id: string, groupDigits: DigitPolicy): ActionItemDto {
  return {
    id,
    meetingId: `m-${id}`,
    groupId: `g-${groupDigits}`,
    text: `مهمة ${id}`,
    owner: 'الكويت',
    ownerUserId: null,
    due: '2026-11-15',
    status: 'open',
    updatedAt: '2026-11-01T08:00:00.000Z',
    overdue: false,
    meetingStatus: 'draft',
    meetingTitleAr: 'اجتماع',
    meetingTitleEn: 'Meeting',
    meetingStartsAt: '2026-11-15T11:30:00.000Z',
    groupNameAr: 'مجموعة',
    groupNameEn: 'Group',
    groupDigits,
  };
}

function result(meetingId: string, groupDigits: DigitPolicy): SearchResultDto {
  return {
    kind: 'meeting',
    meetingId,
    groupId: `g-${groupDigits}`,
    groupDigits,
    meetingTitle: `اجتماع ${meetingId}`,
    meetingTitleAr: `اجتماع ${meetingId}`,
    meetingTitleEn: `Meeting ${meetingId}`,
    startsAt: '2026-11-15T11:30:00.000Z',
    snippet: 'اجتماع',
    highlights: [],
  };
}

const dom = useDomRoot('ar');
const render = dom.render;
const texts = (selector: string) => [...dom.container.querySelectorAll(selector)].map((e) => e.textContent ?? '');

describe("a group's digits on the pages spanning groups (Arabic interface)", () => {
  it("home: each meeting's session number, date and time in its group's digits", () => {
    render(<MyMeetings upcoming={[meeting('w', 'western'), meeting('a', 'arabic-indic')]} recent={[]} />);
    const [western, arabic] = texts('.meeting-row-meta');
    expect(western).toContain('الجلسة 17');
    expect(western).toContain('2026');
    expect(western).not.toMatch(ARABIC_INDIC);
    expect(arabic).toContain('الجلسة ١٧');
    expect(arabic).toContain('٢٠٢٦');
    expect(arabic).not.toMatch(WESTERN);
  });

  it("home: each item's due date in its group's digits, the counts in the interface's", () => {
    render(<MyActionItems items={[item('w', 'western'), item('a', 'arabic-indic')]} />);
    const [western, arabic] = texts('[data-testid="home-item"] .home-item-meta .nowrap');
    expect(western).toBe('الاستحقاق: 15 نوفمبر 2026');
    expect(arabic).toBe('الاستحقاق: ١٥ نوفمبر ٢٠٢٦');
    expect(dom.container.querySelector('[data-testid="home-items-summary"]')!.textContent).toContain('٢');
  });

  it("tracker: an item's due date, meeting date and last change in its group's digits", () => {
    render(
      <table>
        <tbody>
          {[item('w', 'western'), item('a', 'arabic-indic')].map((i) => (
            <ItemRow key={i.id} item={i} canChange busy={false} onStatus={() => {}} />
          ))}
        </tbody>
      </table>,
    );
    const [western, arabic] = [...dom.container.querySelectorAll('[data-testid="tracker-row"]')];
    for (const cell of ['.cell-due', '.cell-meeting .nowrap', '.cell-updated']) {
      expect(western!.querySelector(cell)!.textContent).toMatch(WESTERN);
      expect(western!.querySelector(cell)!.textContent).not.toMatch(ARABIC_INDIC);
      expect(arabic!.querySelector(cell)!.textContent).toMatch(ARABIC_INDIC);
      expect(arabic!.querySelector(cell)!.textContent).not.toMatch(WESTERN);
    }
    expect(western!.querySelector('.cell-due')!.textContent).toBe('15 نوفمبر 2026');
  });

  it("search: each meeting's date in its group's digits", () => {
    render(<SearchResults results={[result('w', 'western'), result('a', 'arabic-indic')]} />);
    const [western, arabic] = texts('.search-meeting-head .muted');
    expect(western).toMatch(/2026/);
    expect(western).not.toMatch(ARABIC_INDIC);
    expect(arabic).toMatch(/٢٠٢٦/);
    expect(arabic).not.toMatch(WESTERN);
  });
});
