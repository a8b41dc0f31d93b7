import type { Router } from 'express';
import { CreateAmendmentBody, RejectAmendmentBody } from '../../../../shared/api/amendments.js';
import { CreateCommentBody, UpdateCommentBody } from '../../../../shared/api/comments.js';
import { listAmendments } from '../../../../db/queries/amendments.js';
import { listComments } from '../../../../db/queries/comments.js';
import { requireAmendmentProposer, requireMeeting } from '../../auth/policies.js';
import { acceptAmendment, proposeAmendment, rejectAmendment, withdrawAmendment } from '../../commands/amendments.js';
import { addComment, editComment, removeComment, setThreadResolved } from '../../commands/comments.js';
import type { AppContext } from '../../context.js';
import { presentAmendment, presentComment } from '../../presenters/amendment.js';
import { clientIp, route } from '../route.js';
import { parse } from '../validate.js';

export function amendmentRoutes(router: Router, ctx: AppContext): void {
  const base = '/meetings/:meetingId';

  route(router, ctx, 'get', `${base}/amendments`, 'user', async ({ req, actor }) => {
    const { meeting } = await requireMeeting(ctx.db.sql, actor, String(req.params.meetingId), 'read');
    return { body: (await listAmendments(ctx.db.sql, meeting.id)).map(presentAmendment) };
  });

  route(router, ctx, 'post', `${base}/amendments`, 'user', async ({ req, actor }) => {
    // Who may propose is said before what is wrong with the request.
    const { meeting, access } = await requireMeeting(ctx.db.sql, actor, String(req.params.meetingId), 'read');
    requireAmendmentProposer(access, meeting.status);
    const row = await proposeAmendment(ctx, actor, meeting.id, parse(CreateAmendmentBody, req.body), clientIp(req));
    return { status: 201, body: presentAmendment(row) };
  });

  route(router, ctx, 'post', `${base}/amendments/:amendmentId/accept`, 'user', async ({ req, actor }) => {
    const row = await acceptAmendment(ctx, actor, String(req.params.meetingId), String(req.params.amendmentId), clientIp(req));
    return { body: presentAmendment(row) };
  });

  route(router, ctx, 'post', `${base}/amendments/:amendmentId/reject`, 'user', async ({ req, actor }) => {
    const { reason } = parse(RejectAmendmentBody, req.body ?? {});
    const row = await rejectAmendment(ctx, actor, String(req.params.meetingId), String(req.params.amendmentId), reason, clientIp(req));
    return { body: presentAmendment(row) };
  });

  route(router, ctx, 'post', `${base}/amendments/:amendmentId/withdraw`, 'user', async ({ req, actor }) => {
    const row = await withdrawAmendment(ctx, actor, String(req.params.meetingId), String(req.params.amendmentId), clientIp(req));
    return { body: presentAmendment(row) };
  });

  route(router, ctx, 'get', `${base}/comments`, 'user', async ({ req, actor }) => {
    const { meeting } = await requireMeeting(ctx.db.sql, actor, String(req.params.meetingId), 'read');
    return { body: (await listComments(ctx.db.sql, meeting.id)).map(presentComment) };
  });

  route(router, ctx, 'post', `${base}/comments`, 'user', async ({ req, actor }) => {
    const row = await addComment(ctx, actor, String(req.params.meetingId), parse(CreateCommentBody, req.body));
    return { status: 201, body: presentComment(row) };
  });

  route(router, ctx, 'patch', `${base}/comments/:commentId`, 'user', async ({ req, actor }) => {
    const { body } = parse(UpdateCommentBody, req.body);
    return { body: presentComment(await editComment(ctx, actor, String(req.params.meetingId), String(req.params.commentId), body)) };
  });

  route(router, ctx, 'delete', `${base}/comments/:commentId`, 'user', async ({ req, actor }) => {
    await removeComment(ctx, actor, String(req.params.meetingId), String(req.params.commentId), clientIp(req));
  });

  for (const [action, resolved] of [['resolve', true], ['reopen', false]] as const) {
    route(router, ctx, 'post', `${base}/comments/:commentId/${action}`, 'user', async ({ req, actor }) => {
      const row = await setThreadResolved(ctx, actor, String(req.params.meetingId), String(req.params.commentId), resolved, clientIp(req));
      return { body: presentComment(row) };
    });
  }
}
