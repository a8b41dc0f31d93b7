import { afterAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './freshDatabase.js';

// Kept apart from vitest (freshDatabase.ts) so the e2e server can use it too.
export { createTestDatabase, type TestDatabase };

/**
 * The databases a test of SQL runs on in one `npm test`: the embedded one always, and the server
 * of `DATABASE_URL` too when it is set (`describe.each(DATABASE_KINDS)`).
 */
export const DATABASE_KINDS = process.env.DATABASE_URL ? (['embedded', 'default'] as const) : (['embedded'] as const);

/** Fresh databases for a file's tests (`create(kind)`), dropped after them all. */
export function useTestDatabases(): { create(kind: 'default' | 'embedded'): Promise<TestDatabase> } {
  const made: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(made.splice(0).map((d) => d.drop()));
  });
  return {
    async create(kind) {
      const db = await createTestDatabase(kind);
      made.push(db);
      return db;
    },
  };
}
