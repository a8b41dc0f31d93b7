import type { JSONContent } from '@tiptap/core';
import { updateYFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CompareBlock, VersionKind } from '../../../shared/api/versions.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { findMeeting } from '../../../db/queries/meetings.js';
import { findVersion, insertVersion, versionContent, type ApprovedAs, type VersionRow } from '../../../db/queries/versions.js';
import type { Queryable } from '../../../db/client.js';
import type { AppContext } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { compareMinutes } from '../minutes/compare.js';
import { minutesJSON, nodeFromJSON } from '../minutes/readMinutes.js';
import { liveSha256, snapshotOf, type MinutesSnapshot } from '../minutes/snapshot.js';
import { changingMeetingState } from './meetingState.js';

/** Stores a snapshot as the meeting's next version (inside the caller's transaction). */
export async function storeVersion(
  db: Queryable,
  meetingId: string,
  snapshot: MinutesSnapshot,
  input: { kind: VersionKind; label: string; actorId: string | null; ip: string | null; approvedAs?: ApprovedAs },
): Promise<VersionRow> {
  const version = await insertVersion(db, {
    meetingId,
    label: input.label,
    kind: input.kind,
    createdBy: input.actorId,
    sha256: snapshot.sha256,
    state: snapshot.state,
    content: snapshot.canonical,
    approvedAs: input.approvedAs,
  });
  await appendAudit(db, {
    actorId: input.actorId,
    action: `version.${input.kind}`,
    target: meetingId,
    details: { versionId: version.id, number: version.number, sha256: version.sha256 },
    ip: input.ip,
  });
  return version;
}

/** Freezes the committed minutes as they stand (taken through the document's pipeline). */
export async function recordVersion(
  ctx: AppContext,
  actorId: string | null,
  meetingId: string,
  input: { kind: VersionKind; label: string },
  ip: string | null,
): Promise<VersionRow> {
  // What other server processes committed too, not only what this one has heard of yet: a
  // version circulated while a delegate typed on another process was stale at once.
  const snapshot = await ctx.registry.with(meetingId, async (live) => {
    await live.catchUp();
    return live.read(snapshotOf);
  });
  const version = await ctx.db.sql.begin((tx) => storeVersion(tx, meetingId, snapshot, { ...input, actorId, ip }));
  ctx.realtime.versionsChanged(meetingId);
  return version;
}

export async function requireVersion(ctx: AppContext, meetingId: string, versionId: string): Promise<{ version: VersionRow; json: JSONContent }> {
  const version = await findVersion(ctx.db.sql, meetingId, versionId);
  const stored = version && (await versionContent(ctx.db.sql, version.id));
  if (!version || !stored) throw notFound('Version');
  return { version, json: JSON.parse(stored.content) as JSONContent };
}

/**
 * Makes the live minutes equal to a version as a new forward change through the durable
 * pipeline: y-tiptap's `updateYFragment` edits the live fragment into the version's document
 * (what differs only), so open editors see it like anyone's edit and no history is rewritten.
 */
export async function restoreVersion(ctx: AppContext, actorId: string, meetingId: string, versionId: string, ip: string): Promise<VersionRow> {
  // While no change of the meeting's state runs: a restore that found the minutes a draft just
  // before another secretary circulated them rewrote the circulated text.
  return changingMeetingState(ctx, meetingId, async () => {
    const meeting = await findMeeting(ctx.db.sql, meetingId);
    if (!meeting) throw notFound('Meeting');
    if (meeting.status !== 'draft') throw conflict('Only draft minutes can be restored to an earlier version.', 'restore_needs_draft');
    const { version, json } = await requireVersion(ctx, meetingId, versionId);
    const target = nodeFromJSON(json);
    const snapshot = await ctx.registry.with(meetingId, async (live) => {
      await live.change((doc) => {
        const before = Y.snapshot(doc);
        updateYFragment(doc, doc.getXmlFragment(MINUTES_FRAGMENT), target, { mapping: new Map(), isOMark: new Map() });
        if (Y.equalSnapshots(before, Y.snapshot(doc))) return undefined;
        // The text change is audited by the statement that commits it: the version row below is a
        // second transaction, and the minutes must not change unrecorded if that one fails.
        return { actorId, action: 'minutes.restore', target: meetingId, details: { versionId: version.id, number: version.number, sha256: liveSha256(doc) }, ip };
      });
      return live.read(snapshotOf);
    });
    const restored = await ctx.db.sql.begin((tx) =>
      storeVersion(tx, meetingId, snapshot, { kind: 'restored', label: String(version.number), actorId, ip }),
    );
    ctx.realtime.versionsChanged(meetingId);
    return restored;
  });
}

/** Block comparison of a version with another one or with the current text (`to` = `current`). */
export async function compareVersions(ctx: AppContext, meetingId: string, from: string, to: string): Promise<CompareBlock[]> {
  const before = (await requireVersion(ctx, meetingId, from)).json;
  const after = to === 'current' ? await ctx.registry.with(meetingId, (live) => live.read(minutesJSON)) : (await requireVersion(ctx, meetingId, to)).json;
  return compareMinutes(before, after);
}
