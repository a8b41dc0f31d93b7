import type { Sql } from '../../../db/client.js';

/**
 * Makes the database refuse every new row of `meetingId`'s minutes log (a real failed statement,
 * as a full disk or a broken constraint would give) until the returned function is called.
 */
export async function refuseCommitsOf(sql: Sql, meetingId: string): Promise<() => Promise<void>> {
  await sql.unsafe(`
    create function refuse_commits() returns trigger language plpgsql as $$
    begin raise exception 'refused for the test'; end $$;
    create trigger refuse_commits before insert on minutes_updates
      for each row when (new.meeting_id = '${meetingId}') execute function refuse_commits();`);
  return async () => {
    await sql.unsafe('drop trigger refuse_commits on minutes_updates; drop function refuse_commits();');
  };
}
