import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which makes GPU guessing costly.
/** log2 of scrypt's N for new hashes (PASSWORD_HASH_COST); 15: 32 MiB and ~0.2 s of one core. */
export const DEFAULT_HASH_COST = 15;
/** The cheapest accepted (1 MiB): for test runs, which make hundreds of accounts; never for real ones. */
export const MIN_HASH_COST = 10;
/** 2^20 with r = 8 is 1 GiB a hash. */
export const MAX_HASH_COST = 20;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * params.p + (1 << 20) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without a migration:
 * a hash is checked with the parameters it was made with. `cost` is log2 of N; below the default
 * only for test runs, whose hundreds of accounts would otherwise spend minutes hashing.
 */
export async function hashPassword(password: string, cost = DEFAULT_HASH_COST): Promise<string> {
  const salt = randomBytes(16);
  const params = { N: 2 ** cost, r: R, p: P };
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** New hashes at one cost (the server's PASSWORD_HASH_COST), and sign-ins of unknown emails. */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(readonly cost = DEFAULT_HASH_COST) {}

  hash(password: string): Promise<string> {
    return hashPassword(password, this.cost);
  }

  /**
   * Spends the time of a real check, so a sign-in does not reveal whether an email exists: a
   * hash of the cost new accounts get.
   */
  async verifyUnknown(password: string): Promise<false> {
    this.dummy ??= this.hash('not the password of anyone');
    await verifyPassword(password, await this.dummy);
    return false;
  }
}
