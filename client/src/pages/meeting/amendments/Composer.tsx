import { useState, type FormEvent } from 'react';
import type { SelectionInfo } from '../../../editor/annotations/bridge.js';
import { describeError } from '../../../components/errors.js';
import { Alert, Button } from '../../../components/ui.js';
import { useI18n } from '../../../i18n/i18n.js';
import { amendmentsApi } from './amendmentsApi.js';
import { TextArea } from './TextArea.js';
import type { AmendmentDto, CommentDto } from './types.js';

export type Draft = { kind: 'amendment'; selection: SelectionInfo } | { kind: 'comment'; selection: SelectionInfo | null };

/** The quoted words, struck for an amendment; an insertion point or the whole meeting said in words. */
function Quote({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  const selection = draft.selection;
  if (!selection || (draft.kind === 'comment' && selection.collapsed)) return <p className="composer-on muted">{t('comment.onMeeting')}</p>;
  if (selection.collapsed) return <p className="composer-on muted">{t('amendment.insertion')}</p>;
  return (
    <p className="composer-on">
      <span className="muted">{draft.kind === 'amendment' ? t('amendment.current') : t('comment.onText')}: </span>
      {draft.kind === 'amendment' ? (
        <del dir="auto" data-testid="composer-quote">
          {selection.quote}
        </del>
      ) : (
        <q dir="auto" data-testid="composer-quote">
          {selection.quote}
        </q>
      )}
    </p>
  );
}

/**
 * The form that proposes an amendment on the selection, or posts a comment on it (on the
 * whole meeting without one). Closes on success; the live event brings the new item to everyone.
 */
export function Composer({
  meetingId,
  draft,
  onDone,
  onAmendment,
  onComment,
}: {
  meetingId: string;
  draft: Draft;
  onDone: () => void;
  onAmendment: (a: AmendmentDto) => void;
  onComment: (c: CommentDto) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [rationale, setRationale] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const amendment = draft.kind === 'amendment';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (draft.kind === 'amendment') {
        onAmendment(await amendmentsApi.propose(meetingId, { anchor: draft.selection.anchor, proposed: text, rationale }));
      } else {
        const anchor = draft.selection && !draft.selection.collapsed ? draft.selection.anchor : undefined;
        onComment(await amendmentsApi.comment(meetingId, { body: text, ...(anchor ? { anchor } : {}) }));
      }
      onDone();
    } catch (e) {
      setError(describeError(e, t, { 422: 'annotations.anchorInvalid' }));
      setBusy(false);
    }
  }

  return (
    <form className="composer" onSubmit={(e) => void submit(e)} data-testid={amendment ? 'amendment-composer' : 'comment-composer'}>
      <h3 className="composer-title">{amendment ? t('annotations.propose') : t('annotations.comment')}</h3>
      <Quote draft={draft} />
      {error && <Alert>{error}</Alert>}
      {amendment ? (
        <>
          <TextArea
            label={t('amendment.proposed')}
            hint={draft.selection.collapsed ? undefined : t('amendment.proposedHint')}
            value={text}
            onChange={(e) => setText(e.target.value.replace(/[\r\n]+/g, ' '))}
            rows={2}
            autoFocus
            data-testid="amendment-proposed"
          />
          <TextArea label={t('amendment.rationale')} value={rationale} counted onChange={(e) => setRationale(e.target.value)} data-testid="amendment-rationale" />
        </>
      ) : (
        <TextArea label={t('comment.body')} value={text} counted required onChange={(e) => setText(e.target.value)} autoFocus data-testid="comment-body" />
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" className="btn-small" disabled={busy || (!amendment && !text.trim()) || (draft.kind === 'amendment' && draft.selection.collapsed && !text)} data-testid="composer-submit">
          {amendment ? t('amendment.submit') : t('comment.submit')}
        </Button>
        <Button variant="quiet" className="btn-small" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
