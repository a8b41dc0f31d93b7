import { lazy, Suspense } from 'react';
import type { MeetingDto } from '../../../shared/api/meetings.js';
import { api } from '../api/endpoints.js';
import { Link } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { Bilingual } from '../components/Bilingual.js';
import { describeError } from '../components/errors.js';
import { Alert, Badge, Loading } from '../components/ui.js';
import { useResource } from '../hooks/useResource.js';
import { useI18n } from '../i18n/i18n.js';
import { formatNumber } from '../lib/format.js';
import { formatMeetingDate } from '../lib/time.js';
import { STATUS_TONE } from './group/MeetingsPanel.js';

// Tiptap and Yjs are most of the code: loaded with the first meeting opened, not at sign-in.
const MinutesEditor = lazy(() => import('../editor/MinutesEditor.js').then((m) => ({ default: m.MinutesEditor })));

function readOnlyReason(meeting: MeetingDto): 'observer' | 'approved' | null {
  if (meeting.access === 'read') return 'observer';
  if (meeting.status === 'approved') return 'approved';
  return null;
}

function MeetingHeader({ meeting }: { meeting: MeetingDto }) {
  const { t, locale } = useI18n();
  const [group] = useResource(() => api.group(meeting.groupId), meeting.groupId);
  return (
    <>
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <Link to={paths.groups()}>{t('nav.groups')}</Link>
        <span aria-hidden="true" className="breadcrumb-sep">
          /
        </span>
        <Link to={paths.group(meeting.groupId)} dir="auto">
          {group.status === 'ready' ? (locale === 'ar' ? group.data.nameAr : group.data.nameEn) : t('meeting.group')}
        </Link>
      </nav>
      <header className="meeting-head">
        <div className="meeting-head-main">
          <Bilingual ar={meeting.titleAr} en={meeting.titleEn} as="h1" className="page-title" />
          <dl className="meeting-facts">
            {meeting.sessionNumber !== null && (
              <div>
                <dt>{t('meeting.session')}</dt>
                <dd>{formatNumber(meeting.sessionNumber, locale)}</dd>
              </div>
            )}
            <div>
              <dt>{t('meeting.date')}</dt>
              <dd>{formatMeetingDate(meeting.startsAt, meeting.timeZone, locale)}</dd>
            </div>
            <div>
              <dt>{t('meeting.place')}</dt>
              <dd dir="auto">{meeting.isVirtual ? t('meetings.virtual') : meeting.place || '—'}</dd>
            </div>
            <div>
              <dt>{t('meeting.language')}</dt>
              <dd>{t(`language.${meeting.language}`)}</dd>
            </div>
          </dl>
        </div>
        <Badge tone={STATUS_TONE[meeting.status]}>{t(`meetingStatus.${meeting.status}`)}</Badge>
      </header>
    </>
  );
}

export function MeetingPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const [meeting, reload] = useResource(() => api.meeting(meetingId), meetingId);

  if (meeting.status === 'loading') return <Loading label={t('common.loading')} />;
  if (meeting.status === 'error') {
    return <Alert>{describeError(meeting.error, t, { 404: 'meeting.notFound', 403: 'meeting.forbidden' })}</Alert>;
  }
  const reason = readOnlyReason(meeting.data);
  return (
    <article className="meeting">
      <MeetingHeader meeting={meeting.data} />
      {reason && (
        <Alert tone="info" testId="readonly-banner">
          {t(reason === 'observer' ? 'meeting.readOnly.observer' : 'meeting.readOnly.approved')}
        </Alert>
      )}
      <Suspense fallback={<Loading label={t('common.loading')} />}>
        <MinutesEditor
          meetingId={meetingId}
          readOnlyReason={reason}
          baseDir={meeting.data.language === 'en' ? 'ltr' : 'rtl'}
          onAccessMayHaveChanged={reload}
        />
      </Suspense>
    </article>
  );
}
