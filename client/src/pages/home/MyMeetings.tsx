import type { HomeMeetingDto } from '../../../../shared/api/home.js';
import { Card } from '../../components/ui.js';
import { useI18n } from '../../i18n/i18n.js';
import { DigitsContext } from '../../lib/digits.js';
import { MeetingRow } from '../group/MeetingsPanel.js';

function MeetingList({ title, meetings, empty, testId }: { title: string; meetings: HomeMeetingDto[]; empty: string; testId: string }) {
  return (
    <div className="home-list" data-testid={testId}>
      <h3>{title}</h3>
      {meetings.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="meeting-list">
          {meetings.map((meeting) => (
            // Each meeting's date and session number in its group's digits, as on the group's page.
            <DigitsContext.Provider key={meeting.id} value={meeting.groupDigits}>
              <MeetingRow meeting={meeting} group={{ ar: meeting.groupNameAr, en: meeting.groupNameEn }} />
            </DigitsContext.Provider>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The meetings of the user's groups: the next ones, then the latest ones, each with its status. */
export function MyMeetings({ upcoming, recent }: { upcoming: HomeMeetingDto[]; recent: HomeMeetingDto[] }) {
  const { t } = useI18n();
  return (
    <Card title={t('home.meetings.title')} className="home-card">
      <div className="home-columns">
        <MeetingList title={t('home.meetings.upcoming')} meetings={upcoming} empty={t('home.meetings.noUpcoming')} testId="home-upcoming" />
        <MeetingList title={t('home.meetings.recent')} meetings={recent} empty={t('home.meetings.noRecent')} testId="home-recent" />
      </div>
    </Card>
  );
}
