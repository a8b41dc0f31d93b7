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

/** A version's approvals in the order given; with `groupId`, only those that count (listCountingApprovals). */
function selectApprovals(db: Queryable, versionId: string, groupId?: string) {
  const counting = groupId === undefined ? db`` : db`join memberships m on m.user_id = a.user_id and m.group_id = ${groupId} and m.approver and m.side = a.side`;
  return db<ApprovalRow[]>`
    select a.version_id, a.user_id, u.name, a.side, a.at, v.sha256
    from approvals a join users u on u.id = a.user_id join minutes_versions v on v.id = a.version_id
    ${counting}
    where a.version_id = ${versionId} order by a.at, a.user_id`;
}

export async function listApprovals(db: Queryable, versionId: string): Promise<ApprovalRow[]> {
  return selectApprovals(db, versionId);
}

/**
 * The approvals that count: given by people who still approve for that side of the group (one
 * removed, or no longer its approver, awaits the take-back of their approval).
 */
export async function listCountingApprovals(db: Queryable, versionId: string, groupId: string): Promise<ApprovalRow[]> {
  return selectApprovals(db, versionId, groupId);
}

/** The side of the withdrawn approval, if there was one. */
export async function deleteApproval(db: Queryable, versionId: string, userId: string): Promise<string | undefined> {
  const [row] = await db<{ side: string }[]>`delete from approvals where version_id = ${versionId} and user_id = ${userId} returning side`;
  return row?.side;
}

/**
 * Takes back `userId`'s approval of `versionId` unless it is for a side they still approve for
 * (`sides`). Returns the side taken back, if any.
 */
export async function deleteApprovalNotFor(db: Queryable, versionId: string, userId: string, sides: string[]): Promise<string | undefined> {
  const [row] = await db<{ side: string }[]>`
    delete from approvals where version_id = ${versionId} and user_id = ${userId} and side <> all(${sides}::text[])
    returning side`;
  return row?.side;
}

