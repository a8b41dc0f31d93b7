import { useState } from 'react';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { api } from '../../api/endpoints.js';
import { Link } from '../../app/navigation.js';
import { paths } from '../../app/routes.js';
import { Bilingual } from '../../components/Bilingual.js';
import { describeError } from '../../components/errors.js';
import { Alert, Badge, Button, Card, Loading } from '../../components/ui.js';
import { useResource } from '../../hooks/useResource.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { formatNumber } from '../../lib/format.js';
import { formatMeetingDate } from '../../lib/time.js';
import { CreateMeetingForm } from './CreateMeetingForm.js';

export const STATUS_TONE = { draft: 'gold', circulated: 'neutral', approved: 'green' } as const;

/** A meeting in a list; `group` names its group where the list spans several. */
export function MeetingRow({ meeting, group }: { meeting: MeetingDto; group?: { ar: string; en: string } }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  return (
    <li>
      <Link to={paths.meeting(meeting.id)} className="meeting-row" data-testid="meeting-link">
        <span className="meeting-row-main">
          <Bilingual ar={meeting.titleAr} en={meeting.titleEn} className="meeting-row-title" />
          <span className="meeting-row-meta">
            {group && <bdi dir="auto">{locale === 'ar' ? group.ar : group.en}</bdi>}
            {meeting.sessionNumber !== null && <span>{t('meetings.session', { n: formatNumber(meeting.sessionNumber, locale, digits) })}</span>}
            <span>{formatMeetingDate(meeting.startsAt, meeting.timeZone, locale, digits)}</span>
            <span>{meeting.isVirtual ? t('meetings.virtual') : meeting.place}</span>
          </span>
        </span>
        <Badge tone={STATUS_TONE[meeting.status]}>{t(`meetingStatus.${meeting.status}`)}</Badge>
      </Link>
    </li>
  );
}

export function MeetingsPanel({ groupId, canManage }: { groupId: string; canManage: boolean }) {
  const { t } = useI18n();
  const [meetings, reload] = useResource(() => api.meetings(groupId), groupId);
  const [creating, setCreating] = useState(false);
  const sorted = meetings.status === 'ready' ? [...meetings.data].sort((a, b) => b.startsAt.localeCompare(a.startsAt)) : [];

  return (
    <>
      {creating && (
        <CreateMeetingForm
          groupId={groupId}
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
      <Card
        title={t('meetings.title')}
        actions={
          canManage &&
          !creating && (
            <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-meeting">
              {t('meetings.create.open')}
            </Button>
          )
        }
      >
        {meetings.status === 'loading' && <Loading label={t('common.loading')} />}
        {meetings.status === 'error' && <Alert>{describeError(meetings.error, t)}</Alert>}
        {meetings.status === 'ready' &&
          (sorted.length === 0 ? (
            <p className="empty">{t('meetings.empty')}</p>
          ) : (
            <ul className="meeting-list" data-testid="meeting-list">
              {sorted.map((meeting) => (
                <MeetingRow key={meeting.id} meeting={meeting} />
              ))}
            </ul>
          ))}
      </Card>
    </>
  );
}
