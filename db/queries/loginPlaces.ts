import type { Queryable } from '../client.js';

/** The first of `places` (in the given order) that the user signed in from within `days`. */
export async function knownLoginPlace(db: Queryable, userId: string, places: string[], days: number): Promise<string | undefined> {
  const rows = await db<{ place: string }[]>`
    select place from login_places
    where user_id = ${userId} and place in ${db(places)} and last_at > now() - make_interval(days => ${days})`;
  const found = new Set(rows.map((r) => r.place));
  return places.find((p) => found.has(p));
}

/** Records successful sign-ins from these places, and forgets the user's places unused for `days`. */
export async function rememberLoginPlaces(db: Queryable, userId: string, places: string[], days: number): Promise<void> {
  await db`
    insert into login_places (user_id, place)
    select ${userId}, unnest(${db.array(places)}::text[])
    on conflict (user_id, place) do update set last_at = now()`;
  await db`delete from login_places where user_id = ${userId} and last_at < now() - make_interval(days => ${days})`;
}
