import type { Queryable } from '../client.js';

export interface ApprovalRow {
  versionId: string;
  userId: string;
  name: string;
  side: string;
  at: Date;
  sha256: string;
}

export async function insertApproval(db: Queryable, input: { versionId: string; meetingId: string; userId: string; side: string }): Promise<void> {
  await db`
    insert into approvals (version_id, meeting_id, user_id, side) values (${input.versionId}, ${input.meetingId}, ${input.userId}, ${input.side})
    on conflict (version_id, user_id) do update set side = excluded.side, at = now()`;
}

export async function listApprovals(db: Queryable, versionId: string): Promise<ApprovalRow[]> {
  return db<ApprovalRow[]>`
    select a.version_id, a.user_id, u.name, a.side, a.at, v.sha256
    from approvals a join users u on u.id = a.user_id join minutes_versions v on v.id = a.version_id
    where a.version_id = ${versionId} order by a.at, a.user_id`;
}

/** The side of the withdrawn approval, if there was one. */
export async function deleteApproval(db: Queryable, versionId: string, userId: string): Promise<string | undefined> {
  const [row] = await db<{ side: string }[]>`delete from approvals where version_id = ${versionId} and user_id = ${userId} returning side`;
  return row?.side;
}

/**
 * Takes back `userId`'s approvals of a meeting that they no longer hold: every one when `side` is
 * null, else those for another side. Returns the sides taken back.
 */
export async function deleteApprovalsNotFor(db: Queryable, meetingId: string, userId: string, side: string | null): Promise<string[]> {
  const rows = await db<{ side: string }[]>`
    delete from approvals where meeting_id = ${meetingId} and user_id = ${userId} and (${side}::text is null or side <> ${side}::text)
    returning side`;
  return rows.map((r) => r.side);
}

