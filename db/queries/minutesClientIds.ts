import type { Queryable } from '../client.js';

export interface ClientIdRow {
  clientId: number;
  /** null: the server. */
  userId: string | null;
}

export async function loadClientIds(db: Queryable, meetingId: string): Promise<ClientIdRow[]> {
  const rows = await db<{ clientId: string; userId: string | null }[]>`
    select client_id, user_id from minutes_client_ids where meeting_id = ${meetingId}`;
  return rows.map((r) => ({ clientId: Number(r.clientId), userId: r.userId }));
}

/**
 * Appends one update to a meeting's log together with the owners of the client ids it
 * introduces, in one statement (atomic, one round trip); an id already recorded keeps its
 * first owner.
 */
export async function appendUpdateWithOwners(db: Queryable, meetingId: string, update: Uint8Array, owners: ClientIdRow[]): Promise<void> {
  await db`
    with owners as (
      insert into minutes_client_ids (meeting_id, client_id, user_id)
      select ${meetingId}::uuid, client_id, user_id
      from unnest(${owners.map((r) => String(r.clientId))}::bigint[], ${owners.map((r) => r.userId)}::uuid[]) as t (client_id, user_id)
      on conflict (meeting_id, client_id) do nothing
    )
    insert into minutes_updates (meeting_id, update) values (${meetingId}, ${Buffer.from(update.buffer, update.byteOffset, update.byteLength)})`;
}

/** Records owners; an id already recorded keeps its first owner. */
export async function recordClientIds(db: Queryable, meetingId: string, rows: ClientIdRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db`
    insert into minutes_client_ids (meeting_id, client_id, user_id)
    select ${meetingId}::uuid, client_id, user_id
    from unnest(${rows.map((r) => String(r.clientId))}::bigint[], ${rows.map((r) => r.userId)}::uuid[]) as t (client_id, user_id)
    on conflict (meeting_id, client_id) do nothing`;
}
