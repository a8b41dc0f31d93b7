import { expect, it } from 'vitest';

/** The Postgres server of this test run (`.ci/run` always sets DATABASE_URL), if any. */
export const postgresUrl = process.env.DATABASE_URL;

/**
 * For tests that only a Postgres server can run (several processes, LISTEN, several
 * connections): registers a test that fails without DATABASE_URL, so that those tests, which
 * then return at once, never pass unnoticed as if they had run.
 */
export function itNeedsPostgres(what: string): void {
  it(`needs DATABASE_URL (${what}; .ci/run sets it)`, () => {
    expect(postgresUrl, `set DATABASE_URL to a Postgres server to run the tests of ${what}`).toBeTruthy();
  });
}
