import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type MouseEvent } from 'react';
import type { Side } from '../../../../../shared/api/groups.js';
import type { MeetingDto } from '../../../../../shared/api/meetings.js';
import { useMe } from '../../../app/session.js';
import { describeError } from '../../../components/errors.js';
import { Alert, Button } from '../../../components/ui.js';
import type { AnnotationBridge } from '../../../editor/annotations/bridge.js';
import type { MessageKey } from '../../../i18n/ar.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useDigits } from '../../../lib/digits.js';
import { formatNumber } from '../../../lib/format.js';
import { ExportLink } from '../ExportLink.js';
import { AmendmentItem } from './AmendmentItem.js';
import { annotationViews, sideOf } from './annotationViews.js';
import { canPropose, marginEntries, openCount } from './annotationsState.js';
import { Composer, type Draft } from './Composer.js';
import { ThreadItem } from './ThreadItem.js';
import type { useAnnotations } from './useAnnotations.js';

export interface AnnotationsPanelProps {
  meeting: MeetingDto;
  sides: Side[];
  bridge: AnnotationBridge;
  notes: ReturnType<typeof useAnnotations>;
}

/**
 * The margin of the minutes (a drawer on a phone): "Propose amendment" and "Comment" on the
 * selection, then every amendment and thread in document order, each a link to its words; while
 * amendments are open, the PDF with them as an annex (what a side sends home for instructions).
 */
export function AnnotationsPanel({ meeting, sides, bridge, notes }: AnnotationsPanelProps) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const me = useMe();
  const marginId = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [hint, setHint] = useState<MessageKey | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const { annotations } = notes;
  const positions = useSyncExternalStore(bridge.subscribe, bridge.getPositions);
  const entries = useMemo(() => marginEntries(annotations, positions), [annotations, positions]);
  const count = annotations.amendments.filter((a) => a.status === 'open').length + entries.filter((e) => e.kind === 'thread' && !e.item.root.resolved).length;

  useEffect(() => bridge.setAnnotations(annotationViews(annotations, sides, locale)), [bridge, annotations, sides, locale]);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const start = (kind: Draft['kind']) => {
    const selection = bridge.selection();
    setHint(null);
    if (kind === 'amendment' && !selection) return setHint('annotations.selectFirst');
    if (kind === 'amendment' && !selection!.oneBlock) return setHint('annotations.oneBlock');
    setDraft(kind === 'amendment' ? { kind, selection: selection! } : { kind, selection });
    setOpen(true);
  };
  const go = (id: string, pos: number | null) =>
    pos === null
      ? null
      : () => {
          setOpen(false);
          bridge.reveal(id);
        };
  // Keep the selection in the minutes: a pointer press on these buttons must not take it away.
  const keepSelection = (e: MouseEvent) => e.preventDefault();

  return (
    <div className="annotations">
      <div className="annotations-bar" role="toolbar" aria-label={t('annotations.actions')}>
        {canPropose(meeting.access, meeting.status) && (
          <Button className="btn-small" onMouseDown={keepSelection} onClick={() => start('amendment')} data-testid="propose-amendment">
            {t('annotations.propose')}
          </Button>
        )}
        <Button className="btn-small" onMouseDown={keepSelection} onClick={() => start('comment')} data-testid="add-comment">
          {t('annotations.comment')}
        </Button>
        <Button ref={toggleRef} variant="quiet" className="btn-small margin-toggle" aria-expanded={open} aria-controls={marginId} onClick={() => setOpen((o) => !o)} data-testid="margin-toggle">
          {t('annotations.toggle', { n: formatNumber(count, locale, digits) })}
        </Button>
      </div>
      {hint && (
        <Alert tone="info" testId="annotations-hint">
          {t(hint)}
        </Alert>
      )}
      <aside
        id={marginId}
        className={open ? 'annotations-margin is-open' : 'annotations-margin'}
        aria-label={t('annotations.title')}
        data-testid="annotations-margin"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) close();
        }}
      >
        <header className="annotations-head">
          <h2>{t('annotations.title')}</h2>
          <Button ref={closeRef} variant="quiet" className="btn-small margin-close" onClick={close} aria-label={t('annotations.close')}>
            ×
          </Button>
        </header>
        {draft && (
          <Composer
            key={`${draft.kind}:${draft.selection?.anchor.start ?? ''}`}
            meetingId={meeting.id}
            draft={draft}
            onDone={() => setDraft(null)}
            onAmendment={notes.applyAmendment}
            onComment={notes.applyComment}
          />
        )}
        {notes.error !== null && <Alert>{describeError(notes.error, t)}</Alert>}
        {entries.length === 0 && !draft && <p className="empty">{t('annotations.empty')}</p>}
        <ol className="annotations-list" data-testid="annotations-list" data-open={openCount(annotations.amendments)}>
          {entries.map((entry) => (
            <li key={entry.kind === 'amendment' ? entry.item.id : entry.item.root.id}>
              {entry.kind === 'amendment' ? (
                <AmendmentItem
                  meetingId={meeting.id}
                  amendment={entry.item}
                  {...(({ tone, name }) => ({ tone, sideName: name }))(sideOf(entry.item, sides, locale))}
                  access={meeting.access}
                  userId={me.id}
                  onGo={entry.item.status === 'open' || entry.item.status === 'rejected' || entry.item.status === 'withdrawn' ? go(entry.item.id, entry.pos) : null}
                  onChanged={notes.applyAmendment}
                />
              ) : (
                <ThreadItem meetingId={meeting.id} thread={entry.item} access={meeting.access} userId={me.id} onGo={go(entry.item.root.id, entry.pos)} onChanged={notes.applyComment} />
              )}
            </li>
          ))}
        </ol>
        {meeting.status !== 'approved' && openCount(annotations.amendments) > 0 && (
          <p className="annex-export">
            <ExportLink meetingId={meeting.id} choice={{ format: 'annex' }} />
            <ExportLink meetingId={meeting.id} choice={{ format: 'annexDocx' }} />
          </p>
        )}
      </aside>
    </div>
  );
}
