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

/** Records owners; an id already recorded keeps its first owner. */
export async function recordClientIds(db: Queryable, meetingId: string, rows: ClientIdRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db`
    insert into minutes_client_ids (meeting_id, client_id, user_id)
    select ${meetingId}::uuid, client_id, user_id
    from unnest(${rows.map((r) => String(r.clientId))}::bigint[], ${rows.map((r) => r.userId)}::uuid[]) as t (client_id, user_id)
    on conflict (meeting_id, client_id) do nothing`;
}
