import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import type { useTestDatabases } from './testDatabase.js';

export interface MigratedDatabase {
  readonly db: Database;
  /** A new meeting (of the one group), for a test of its own. */
  meeting(): Promise<string>;
}

/**
 * A database of `kind`, migrated, with one group to hang meetings on, for the tests of the
 * describe block that calls this: opened before them, closed after. For tests of queries that
 * need no server.
 */
export function useMigratedDatabase(databases: ReturnType<typeof useTestDatabases>, kind: 'default' | 'embedded'): MigratedDatabase {
  let db: Database | undefined;
  let groupId: string;
  beforeAll(async () => {
    const test = await databases.create(kind);
    db = await openDatabase({ databaseUrl: test.databaseUrl, dataDir: test.dataDir });
    await migrate(db.sql);
    const [group] = await db.sql<{ id: string }[]>`insert into groups (name_ar, name_en) values ('مجموعة', 'Group') returning id`;
    groupId = group!.id;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db() {
      if (!db) throw new Error('the database is opened before the tests run');
      return db;
    },
    async meeting() {
      const [row] = await this.db.sql<{ id: string }[]>`
        insert into meetings (group_id, title_ar, title_en, starts_at) values (${groupId}, 'جلسة', 'Session', now()) returning id`;
      return row!.id;
    },
  };
}
