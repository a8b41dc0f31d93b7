import type { Router } from 'express';
import { PdfExportQuery } from '../../../../shared/api/amendments.js';
import { MinutesFormat } from '../../../../shared/api/meetings.js';
import { ApproveBody, CompareQuery, CreateVersionBody } from '../../../../shared/api/versions.js';
import { listVersions } from '../../../../db/queries/versions.js';
import { requireApprover, requireMeeting } from '../../auth/policies.js';
import { approve, circulationState, currentApprovals, withdrawApproval } from '../../commands/approvals.js';
import { exportMinutes } from '../../commands/exportPdf.js';
import { compareVersions, recordVersion, requireVersion, restoreVersion } from '../../commands/versions.js';
import type { AppContext } from '../../context.js';
import { nodeFromJSON, textBlocks } from '../../minutes/readMinutes.js';
import { presentVersion } from '../../presenters/version.js';
import { sendExport } from '../pdfReply.js';
import { clientIp, route } from '../route.js';
import { parse } from '../validate.js';

export function versionRoutes(router: Router, ctx: AppContext): void {
  const meetingOf = (actor: Parameters<typeof requireMeeting>[1], id: unknown, need: 'read' | 'edit' | 'manage') => requireMeeting(ctx.db.sql, actor, String(id), need);

  route(router, ctx, 'get', '/meetings/:meetingId/versions', 'user', async ({ req, actor }) => {
    const { meeting } = await meetingOf(actor, req.params.meetingId, 'read');
    return { body: (await listVersions(ctx.db.sql, meeting.id)).map(presentVersion) };
  });

  route(router, ctx, 'post', '/meetings/:meetingId/versions', 'user', async ({ req, actor }) => {
    const { meeting } = await meetingOf(actor, req.params.meetingId, 'edit');
    const { label } = parse(CreateVersionBody, req.body ?? {});
    return { status: 201, body: presentVersion(await recordVersion(ctx, actor.user.id, meeting.id, { kind: 'manual', label }, clientIp(req))) };
  });

  route(router, ctx, 'get', '/meetings/:meetingId/versions/:versionId/minutes', 'user', async ({ req, res, actor }) => {
    const { meeting } = await meetingOf(actor, req.params.meetingId, 'read');
    const { format } = parse(MinutesFormat, req.query, 'query');
    const { json } = await requireVersion(ctx, meeting.id, String(req.params.versionId));
    if (format === 'json') return { body: json };
    res.type('text/plain; charset=utf-8').send(textBlocks(nodeFromJSON(json)).join('\n'));
  });

  route(router, ctx, 'get', '/meetings/:meetingId/versions/:versionId/minutes.pdf', 'user', async ({ req, res, actor }) => {
    const { amendments } = parse(PdfExportQuery, req.query, 'query');
    sendExport(res, await exportMinutes(ctx, actor, 'pdf', String(req.params.meetingId), String(req.params.versionId), { annex: amendments === 'annex' }));
  });

  route(router, ctx, 'get', '/meetings/:meetingId/versions/:versionId/minutes.docx', 'user', async ({ req, res, actor }) => {
    const { amendments } = parse(PdfExportQuery, req.query, 'query');
    sendExport(res, await exportMinutes(ctx, actor, 'docx', String(req.params.meetingId), String(req.params.versionId), { annex: amendments === 'annex' }));
  });

  route(router, ctx, 'post', '/meetings/:meetingId/versions/:versionId/restore', 'user', async ({ req, actor }) => {
    const { meeting } = await meetingOf(actor, req.params.meetingId, 'manage');
    return { status: 201, body: presentVersion(await restoreVersion(ctx, actor.user.id, meeting.id, String(req.params.versionId), clientIp(req))) };
  });

  route(router, ctx, 'get', '/meetings/:meetingId/compare', 'user', async ({ req, actor }) => {
    const { meeting } = await meetingOf(actor, req.params.meetingId, 'read');
    const { from, to } = parse(CompareQuery, req.query, 'query');
    return { body: { blocks: await compareVersions(ctx, meeting.id, from, to) } };
  });

  route(router, ctx, 'get', '/meetings/:meetingId/approvals', 'user', async ({ req, actor }) => {
    const { meeting } = await meetingOf(actor, req.params.meetingId, 'read');
    return { body: await currentApprovals(ctx, meeting) };
  });

  route(router, ctx, 'post', '/meetings/:meetingId/approvals', 'user', async ({ req, actor }) => {
    // Who may approve is said before what is wrong with the request.
    const { group } = await meetingOf(actor, req.params.meetingId, 'read');
    await requireApprover(ctx.db.sql, actor, group);
    const { versionId } = parse(ApproveBody, req.body);
    const { approval, created } = await approve(ctx, actor, String(req.params.meetingId), versionId, clientIp(req));
    return { status: created ? 201 : 200, body: approval };
  });

  route(router, ctx, 'delete', '/meetings/:meetingId/approvals/mine', 'user', async ({ req, actor }) => {
    await withdrawApproval(ctx, actor, String(req.params.meetingId), clientIp(req));
  });

  route(router, ctx, 'get', '/meetings/:meetingId/circulation', 'user', async ({ req, actor }) => {
    const { meeting, group } = await meetingOf(actor, req.params.meetingId, 'read');
    return { body: await circulationState(ctx, actor, meeting, group) };
  });
}
