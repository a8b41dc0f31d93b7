import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, useTestDatabases } from '../server/src/test/testDatabase.js';
import { openDatabase, type Database } from './client.js';
import { parseTimestamp } from './timestampText.js';

describe('a timestamp as Postgres writes it', () => {
  it('is the instant it names, in every year the API takes, with fractions and any offset', () => {
    const cases: [string, string][] = [
      ['2026-12-02 07:00:00+00', '2026-12-02T07:00:00.000Z'],
      ['2026-12-02 10:00:00.5+03', '2026-12-02T07:00:00.500Z'],
      ['2026-12-02 12:45:00.123456+05:45', '2026-12-02T07:00:00.123Z'],
      ['2026-12-01 21:00:00-10', '2026-12-02T07:00:00.000Z'],
      ['1880-01-01 00:20:40+00:20:40', '1880-01-01T00:00:00.000Z'],
      ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
      ['0024-08-22 11:07:59.5+00', '0024-08-22T11:07:59.500Z'],
      ['0999-12-31 23:59:59.999+00', '0999-12-31T23:59:59.999Z'],
      ['9999-12-31 23:59:59+00', '9999-12-31T23:59:59.000Z'],
      ['0001-12-31 23:00:00+00 BC', '0000-12-31T23:00:00.000Z'],
    ];
    for (const [text, iso] of cases) expect(parseTimestamp(text).toISOString(), text).toBe(iso);
  });

  it('leaves dates and infinity to new Date, as postgres.js did', () => {
    expect(parseTimestamp('0024-08-22').toISOString()).toBe('0024-08-22T00:00:00.000Z');
    expect(Number.isNaN(parseTimestamp('infinity').getTime())).toBe(true);
  });
});

const databases = useTestDatabases();
describe.each(DATABASE_KINDS)('a meeting date read back from the %s database', (kind) => {
  let db: Database | undefined;
  afterAll(() => db?.close());

  it('is the instant that was stored, early years included', async () => {
    db = await openDatabase({ ...(await databases.create(kind)) });
    for (const iso of ['2026-12-02T07:00:00.000Z', '0001-01-01T00:00:00.000Z', '0024-08-22T11:07:59.500Z', '0999-06-30T12:00:00.000Z']) {
      const [row] = await db.sql<{ at: Date }[]>`select ${iso}::timestamptz as at`;
      expect(row!.at.toISOString(), iso).toBe(iso);
      // Written back as a Date (serialized by postgres.js), still the same instant.
      const [again] = await db.sql<{ at: Date }[]>`select ${row!.at}::timestamptz as at`;
      expect(again!.at.toISOString(), iso).toBe(iso);
    }
  }, 60_000);
});
