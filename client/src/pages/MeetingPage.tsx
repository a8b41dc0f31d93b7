import { lazy, Suspense, useEffect, useMemo } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import type { GroupDto } from '../../../shared/api/groups.js';
import type { MeetingDto } from '../../../shared/api/meetings.js';
import { DEFAULT_DIGIT_POLICY } from '../../../shared/domain.js';
import { api } from '../api/endpoints.js';
import { nameIn, useDocumentTitle } from '../app/documentTitle.js';
import { Link, useLocation } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { Bilingual } from '../components/Bilingual.js';
import { describeError } from '../components/errors.js';
import { Alert, Badge, Loading } from '../components/ui.js';
import { AnnotationBridge } from '../editor/annotations/bridge.js';
import { Icon } from '../editor/icons.js';
import { useResource, type Resource } from '../hooks/useResource.js';
import type { MessageKey } from '../i18n/ar.js';
import { useI18n } from '../i18n/i18n.js';
import { formatNumber } from '../lib/format.js';
import { isOfferedTimeZone } from '../../../shared/format/timeZones.js';
import { formatMeetingDate, sameWallTime, viewerTimeZone } from '../lib/time.js';
import { STATUS_TONE } from './group/MeetingsPanel.js';
import { DigitsContext, useDigits } from '../lib/digits.js';
import { AnnotationsPanel } from './meeting/amendments/AnnotationsPanel.js';
import { openCount } from './meeting/amendments/annotationsState.js';
import { useAnnotations } from './meeting/amendments/useAnnotations.js';
import { ApprovalPanel } from './meeting/ApprovalPanel.js';
import { DelegationsView } from './meeting/DelegationsView.js';
import { DetailsPanel } from './meeting/DetailsPanel.js';
import { ExportLink } from './meeting/ExportLink.js';
import { HistoryPanel } from './meeting/HistoryPanel.js';
import { ownerSuggestions } from './meeting/ownerSuggestions.js';
import { StatusActions } from './meeting/StatusActions.js';
import { useLiveMeeting } from './meeting/useLiveMeeting.js';

// Tiptap and Yjs are most of the code: loaded with the first meeting opened, not at sign-in.
let editorCode: Promise<typeof import('../editor/MinutesEditor.js')> | null = null;
function loadEditorCode() {
  // A failed load is not kept: the error boundary's reload, or the next meeting, tries again.
  editorCode ??= import('../editor/MinutesEditor.js').catch((error: unknown) => {
    editorCode = null;
    throw error;
  });
  return editorCode;
}
const MinutesEditor = lazy(() => loadEditorCode().then((m) => ({ default: m.MinutesEditor })));

function readOnlyReason(meeting: MeetingDto): 'observer' | 'approved' | 'circulated' | null {
  if (meeting.access === 'read') return 'observer';
  if (meeting.status === 'approved') return 'approved';
  if (meeting.status === 'circulated' && meeting.access !== 'manage') return 'circulated';
  return null;
}

function zoneLabel(zone: string, t: (key: MessageKey) => string): string {
  return isOfferedTimeZone(zone) ? t(`timeZone.${zone}`) : zone;
}

/** The meeting's date in its own time zone, and in the viewer's when their clocks differ. */
function MeetingDate({ meeting }: { meeting: MeetingDto }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const mine = viewerTimeZone();
  return (
    <dd className="meeting-date">
      <span data-testid="meeting-date">
        {formatMeetingDate(meeting.startsAt, meeting.timeZone, locale, digits)} <span className="muted">({zoneLabel(meeting.timeZone, t)})</span>
      </span>
      {!sameWallTime(meeting.startsAt, meeting.timeZone, mine) && (
        <span className="meeting-your-time" data-testid="meeting-your-time">
          {t('meeting.yourTime', { when: formatMeetingDate(meeting.startsAt, mine, locale, digits) })}
        </span>
      )}
    </dd>
  );
}

function MeetingHeader({ meeting, group, onChanged }: { meeting: MeetingDto; group: Resource<GroupDto>; onChanged: (meeting: MeetingDto) => void }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const trackerQuery = new URLSearchParams({ groupId: meeting.groupId, meetingId: meeting.id });
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
          <dl className="meeting-facts" data-testid="meeting-facts">
            {meeting.sessionNumber !== null && (
              <div>
                <dt>{t('meeting.session')}</dt>
                <dd data-testid="meeting-session">{formatNumber(meeting.sessionNumber, locale, digits)}</dd>
              </div>
            )}
            <div>
              <dt>{t('meeting.date')}</dt>
              <MeetingDate meeting={meeting} />
            </div>
            <div>
              <dt>{t('meeting.place')}</dt>
              <dd dir="auto" data-testid="meeting-place">
                {meeting.isVirtual ? t('meetings.virtual') : meeting.place || '—'}
              </dd>
            </div>
            <div>
              <dt>{t('meeting.language')}</dt>
              <dd>{t(`language.${meeting.language}`)}</dd>
            </div>
          </dl>
        </div>
        <div className="meeting-head-side">
          <Badge tone={STATUS_TONE[meeting.status]} testId="meeting-status">
            {meeting.status === 'approved' && <Icon name="lock" />}
            {t(`meetingStatus.${meeting.status}`)}
          </Badge>
          <div className="meeting-actions">
            <ExportLink meetingId={meeting.id} />
            <ExportLink meetingId={meeting.id} choice={{ format: 'docx' }} />
            <Link to={paths.actionItems(trackerQuery)} className="btn btn-quiet btn-small" data-testid="meeting-tracker-link">
              {t('meeting.trackerLink')}
            </Link>
          </div>
          {meeting.access === 'manage' && <StatusActions meeting={meeting} onChanged={onChanged} bySides={group.status === 'ready' && group.data.sides.length > 0} />}
        </div>
      </header>
    </>
  );
}

/** `?block=N`: the text block a search result points at. */
function blockOfQuery(search: string): number | null {
  const value = new URLSearchParams(search).get('block') ?? '';
  return /^\d{1,6}$/.test(value) ? Number(value) : null;
}

/** The page of a loaded meeting; the group's names and sides come with it. */
function MeetingView({ meeting, live }: { meeting: MeetingDto; live: Omit<ReturnType<typeof useLiveMeeting>, 'state'> }) {
  const { t, dir } = useI18n();
  const { reload, apply, socket } = live;
  const [group] = useResource(() => api.group(meeting.groupId), meeting.groupId);
  const [memberList] = useResource(() => api.members(meeting.groupId), meeting.groupId);
  const members = useMemo(() => (memberList.status === 'ready' ? memberList.data.map((m) => ({ userId: m.userId, name: m.name })) : []), [memberList]);
  const suggestions = useMemo(() => ownerSuggestions(meeting.delegations, members, t('actionItem.member')), [meeting.delegations, members, t]);
  const attendance = useMemo(
    () =>
      meeting.delegations.length === 0 ? (
        // On the minutes' start side, in the interface's direction (AttendanceView.tsx).
        <p className="empty">
          <bdi dir={dir}>{t('attendance.empty')}</bdi>
        </p>
      ) : (
        <DelegationsView delegations={meeting.delegations} testId="attendance-view" />
      ),
    [meeting.delegations, t, dir],
  );
  const bridge = useMemo(() => new AnnotationBridge(), []);
  const notes = useAnnotations(meeting.id, socket);
  const sides = useMemo(() => (group.status === 'ready' ? group.data.sides : []), [group]);
  const reason = readOnlyReason(meeting);
  const targetBlock = blockOfQuery(useLocation().split('?')[1] ?? '');
  return (
    <DigitsContext.Provider value={group.status === 'ready' ? group.data.digits : DEFAULT_DIGIT_POLICY}>
    <article className="meeting">
      <MeetingHeader meeting={meeting} group={group} onChanged={apply} />
      {meeting.status === 'approved' ? (
        <div className="lock-banner" role="status" data-testid="readonly-banner" data-reason="approved">
          <Icon name="lock" />
          <div>
            <strong>{t('meeting.approvedTitle')}</strong>
            <p>{t('meeting.readOnly.approved')}</p>
          </div>
        </div>
      ) : (
        (reason === 'observer' || reason === 'circulated') && (
          <Alert tone="info" testId="readonly-banner">
            {t(`meeting.readOnly.${reason}`)}
          </Alert>
        )
      )}
      <DetailsPanel meeting={meeting} sides={sides} onSaved={apply} />
      <ApprovalPanel meeting={meeting} socket={socket} openAmendments={openCount(notes.annotations.amendments)} />
      <div className="minutes-area">
        <div className="minutes-main">
          {/* The editor's code loads on its own: if it cannot (an upgrade, a lost network),
              the meeting's details stay and this place says so. */}
          <ErrorBoundary>
            <Suspense fallback={<Loading label={t('common.loading')} />}>
              <MinutesEditor
                meetingId={meeting.id}
                readOnlyReason={reason}
                baseDir={meeting.language === 'en' ? 'ltr' : 'rtl'}
                onAccessMayHaveChanged={reload}
                ownerSuggestions={suggestions}
                timeZone={meeting.timeZone}
                members={members}
                attendance={attendance}
                targetBlock={targetBlock}
                annotations={bridge}
              />
            </Suspense>
          </ErrorBoundary>
        </div>
        <AnnotationsPanel meeting={meeting} sides={sides} bridge={bridge} notes={notes} />
      </div>
      <HistoryPanel meeting={meeting} socket={socket} />
    </article>
    </DigitsContext.Provider>
  );
}

export function MeetingPage({ meetingId }: { meetingId: string }) {
  const { t, locale } = useI18n();
  // The editor's code is fetched and run while the meeting is read, not after: they do not
  // depend on each other, and one after the other they were the page's longest wait.
  useEffect(() => {
    loadEditorCode().catch(() => {
      // Shown where the editor goes, by its error boundary, when it is rendered.
    });
  }, []);
  const { state, ...live } = useLiveMeeting(meetingId);
  useDocumentTitle(state.status === 'ready' ? nameIn(locale, { ar: state.meeting.titleAr, en: state.meeting.titleEn }) : null);
  if (state.status === 'loading') return <Loading label={t('common.loading')} />;
  if (state.status === 'error') {
    return <Alert>{describeError(state.error, t, { 404: 'meeting.notFound', 403: 'meeting.forbidden' })}</Alert>;
  }
  return <MeetingView meeting={state.meeting} live={live} />;
}
