import type { Router } from 'express';
import { PdfExportQuery } from '../../../../shared/api/amendments.js';
import { CreateMeetingBody, MinutesFormat, UpdateMeetingBody } from '../../../../shared/api/meetings.js';
import { listMeetingsOfGroup, listMeetingsVisibleTo } from '../../../../db/queries/meetings.js';
import { accessOf, requireGroup, requireMeeting } from '../../auth/policies.js';
import { exportMinutes } from '../../commands/exportPdf.js';
import { changeMeeting, createMeeting } from '../../commands/meetings.js';
import type { AppContext } from '../../context.js';
import { minutesJSON, minutesText } from '../../minutes/readMinutes.js';
import { presentMeeting } from '../../presenters/meeting.js';
import { sendExport } from '../pdfReply.js';
import { clientIp, route } from '../route.js';
import { parse } from '../validate.js';

export function meetingRoutes(router: Router, ctx: AppContext): void {
  route(router, ctx, 'get', '/groups/:groupId/meetings', 'user', async ({ req, actor }) => {
    const { group, access } = await requireGroup(ctx.db.sql, actor, String(req.params.groupId), 'read');
    return { body: (await listMeetingsOfGroup(ctx.db.sql, group.id)).map((m) => presentMeeting(m, access)) };
  });

  route(router, ctx, 'post', '/groups/:groupId/meetings', 'user', async ({ req, actor }) => {
    const { group, access } = await requireGroup(ctx.db.sql, actor, String(req.params.groupId), 'manage');
    const meeting = await createMeeting(ctx, actor.user.id, group.id, parse(CreateMeetingBody, req.body), clientIp(req));
    return { status: 201, body: presentMeeting(meeting, access) };
  });

  route(router, ctx, 'get', '/meetings', 'user', async ({ actor }) => {
    const rows = await listMeetingsVisibleTo(ctx.db.sql, actor.user.isAdmin ? null : actor.user.id);
    return { body: rows.map((row) => presentMeeting(row, accessOf(actor.user.isAdmin, row.role ?? undefined)!)) };
  });

  route(router, ctx, 'get', '/meetings/:meetingId', 'user', async ({ req, actor }) => {
    const { meeting, access } = await requireMeeting(ctx.db.sql, actor, String(req.params.meetingId), 'read');
    return { body: presentMeeting(meeting, access) };
  });

  route(router, ctx, 'patch', '/meetings/:meetingId', 'user', async ({ req, actor }) => {
    const { meeting, access } = await requireMeeting(ctx.db.sql, actor, String(req.params.meetingId), 'manage');
    const patch = parse(UpdateMeetingBody, req.body);
    return { body: presentMeeting(await changeMeeting(ctx, actor.user.id, meeting.id, patch, clientIp(req)), access) };
  });

  route(router, ctx, 'get', '/meetings/:meetingId/minutes.pdf', 'user', async ({ req, res, actor }) => {
    const { amendments } = parse(PdfExportQuery, req.query, 'query');
    sendExport(res, await exportMinutes(ctx, actor, 'pdf', String(req.params.meetingId), undefined, { annex: amendments === 'annex' }));
  });

  route(router, ctx, 'get', '/meetings/:meetingId/minutes.docx', 'user', async ({ req, res, actor }) => {
    const { amendments } = parse(PdfExportQuery, req.query, 'query');
    sendExport(res, await exportMinutes(ctx, actor, 'docx', String(req.params.meetingId), undefined, { annex: amendments === 'annex' }));
  });

  route(router, ctx, 'get', '/meetings/:meetingId/minutes', 'user', async ({ req, res, actor }) => {
    const { meeting } = await requireMeeting(ctx.db.sql, actor, String(req.params.meetingId), 'read');
    const { format } = parse(MinutesFormat, req.query, 'query');
    if (format === 'text') {
      const text = await ctx.registry.with(meeting.id, (live) => live.read(minutesText));
      res.type('text/plain; charset=utf-8').send(text);
      return;
    }
    return { body: await ctx.registry.with(meeting.id, (live) => live.read(minutesJSON)) };
  });
}
