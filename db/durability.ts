import type { Queryable } from './client.js';

/** A server setting under which an edit shown as "saved" may still be lost. */
export interface DurabilityGap {
  setting: 'fsync' | 'synchronous_commit' | 'full_page_writes';
  value: string;
  /** What a power loss or an operating-system crash can then do, for the operator. */
  risk: string;
}

const RISKS: Record<DurabilityGap['setting'], { unsafe: readonly string[]; risk: string }> = {
  fsync: {
    unsafe: ['off'],
    risk: 'commits are not flushed to disk: a power loss or operating-system crash can lose saved edits and corrupt the database',
  },
  synchronous_commit: {
    // `local`, `on`, `remote_write` and `remote_apply` all wait for the local flush.
    unsafe: ['off'],
    risk: 'commits are acknowledged before they reach the disk: a power loss or operating-system crash can lose the last saved edits',
  },
  full_page_writes: {
    unsafe: ['off'],
    risk: 'a crash during a page write can leave a torn page that the WAL cannot repair',
  },
};

const SETTINGS = Object.keys(RISKS) as DurabilityGap['setting'][];

/** The gaps among settings read from `pg_settings` (name → value). */
export function gapsIn(settings: ReadonlyMap<string, string>): DurabilityGap[] {
  return SETTINGS.flatMap((setting) => {
    const value = settings.get(setting);
    return value !== undefined && RISKS[setting].unsafe.includes(value) ? [{ setting, value, risk: RISKS[setting].risk }] : [];
  });
}

/**
 * The settings of this connection's server, role and database that let Postgres acknowledge a
 * commit it could still lose. Mahdar shows "saved" only after a commit, and that promise is only
 * as good as these. They are the operator's to choose (a throwaway test server may want them
 * off), so they are reported, not refused. `pg_settings` shows what a session of this role on
 * this database gets, `alter role … set` and `alter database … set` included.
 */
export async function durabilityGaps(sql: Queryable): Promise<DurabilityGap[]> {
  const rows = await sql<{ name: string; setting: string }[]>`select name, setting from pg_settings where name in ${sql(SETTINGS)}`;
  return gapsIn(new Map(rows.map((r) => [r.name, r.setting])));
}
