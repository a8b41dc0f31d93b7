import { useState } from 'react';
import type { MeetingAccess } from '../../../../../shared/api/meetings.js';
import { Alert, Badge, Button } from '../../../components/ui.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useDigits } from '../../../lib/digits.js';
import { formatNumber } from '../../../lib/format.js';
import { formatTimestamp } from '../../../lib/time.js';
import { amendmentsApi } from './amendmentsApi.js';
import type { Thread } from './annotationsState.js';
import { GoToText } from './GoToText.js';
import { TextForm } from './TextForm.js';
import type { CommentDto } from './types.js';
import { useAction } from './useAction.js';

/** A comment's words: plain text shown as text (React escapes it), line breaks kept. */
function CommentBody({ comment }: { comment: CommentDto }) {
  const { locale } = useI18n();
  const digits = useDigits();
  return (
    <div className="comment" data-testid="comment" data-id={comment.id}>
      <p className="entry-meta muted">
        <bdi dir="auto" className="comment-author">
          {comment.author.name}
        </bdi>{' '}
        · {formatTimestamp(comment.createdAt, locale, digits)}
      </p>
      <p className="entry-body comment-body" dir="auto" data-testid="comment-text">
        {comment.body}
      </p>
    </div>
  );
}

/** A thread in the margin: where it is, its comments, a reply, resolve or reopen (its author and the secretariat). */
export function ThreadItem({
  meetingId,
  thread,
  access,
  userId,
  onGo,
  onChanged,
}: {
  meetingId: string;
  thread: Thread;
  access: MeetingAccess;
  userId: string;
  onGo: (() => void) | null;
  onChanged: (c: CommentDto) => void;
}) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const { busy, error, run } = useAction();
  const [replying, setReplying] = useState(false);
  const { root, replies } = thread;
  const mayResolve = access === 'manage' || root.author.id === userId;
  return (
    <article className={root.resolved ? 'entry entry-thread is-resolved' : 'entry entry-thread'} aria-label={t('comment.kind')} data-testid="thread" data-id={root.id} data-resolved={root.resolved}>
      <header className="entry-head">
        <span className="entry-kind">{t('comment.kind')}</span>
        {root.resolved && <Badge tone="grey">{t('comment.resolved')}</Badge>}
        {replies.length > 0 && <span className="muted">{t('comment.replyCount', { n: formatNumber(replies.length, locale, digits) })}</span>}
      </header>
      {root.anchor ? (
        // Words that are gone (replaced by an accepted amendment, deleted): nothing to go to.
        <GoToText label={root.quote ?? ''} onGo={root.quote ? onGo : null}>
          {root.quote && <q dir="auto">{root.quote}</q>}
        </GoToText>
      ) : (
        <p className="entry-quote is-detached muted">{t('comment.onMeeting')}</p>
      )}
      <CommentBody comment={root} />
      {replies.length > 0 && (
        <ol className="replies">
          {replies.map((c) => (
            <li key={c.id}>
              <CommentBody comment={c} />
            </li>
          ))}
        </ol>
      )}
      {error && <Alert>{error}</Alert>}
      {replying ? (
        <TextForm
          label={t('comment.replyLabel')}
          submitLabel={t('comment.submit')}
          busy={busy}
          testId="reply"
          onSubmit={(body) =>
            void run(
              () => amendmentsApi.comment(meetingId, { body, parentId: root.id }),
              (c) => {
                onChanged(c);
                setReplying(false);
              },
            )
          }
          onCancel={() => setReplying(false)}
        />
      ) : (
        <div className="entry-actions">
          <Button variant="quiet" className="btn-small" onClick={() => setReplying(true)} data-testid="thread-reply">
            {t('comment.reply')}
          </Button>
          {mayResolve && (
            <Button
              variant="quiet"
              className="btn-small"
              disabled={busy}
              onClick={() => void run(() => (root.resolved ? amendmentsApi.reopen(meetingId, root.id) : amendmentsApi.resolve(meetingId, root.id)), onChanged)}
              data-testid={root.resolved ? 'thread-reopen' : 'thread-resolve'}
            >
              {root.resolved ? t('comment.reopen') : t('comment.resolve')}
            </Button>
          )}
        </div>
      )}
    </article>
  );
}
