/**
 * Seeds for randomized tests. `npm test` runs each fuzz test over its fixed list; `npm run fuzz
 * -- N` sets FUZZ_RUNS=N and the same tests run N fresh random seeds instead; FUZZ_SEED=s
 * replays one seed that a failure printed.
 */
export function fuzzSeeds(fixed: readonly number[]): number[] {
  const one = process.env.FUZZ_SEED;
  if (one) return [Number(one) >>> 0];
  const runs = Number(process.env.FUZZ_RUNS ?? 0);
  if (runs > 0) {
    const start = Number(process.env.FUZZ_START ?? Date.now()) >>> 0;
    return Array.from({ length: runs }, (_, i) => (start + Math.imul(i + 1, 0x9e3779b1)) >>> 0);
  }
  return [...fixed];
}

/** A small, fast deterministic PRNG (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/**
 * Yjs client ids for `count` peers of one seeded run, distinct. Yjs orders insertions made at one
 * place concurrently by client id, and its default ids are random: with those, a printed seed did
 * not replay the run it came from.
 */
export function seededClientIds(random: Random, count: number): number[] {
  const ids = new Set<number>();
  while (ids.size < count) ids.add(random.int(1, 2 ** 31));
  return [...ids];
}

/** Wraps one seeded run so that a failure says which seed to replay. */
export async function withSeed<T>(seed: number, run: (random: Random) => Promise<T> | T): Promise<T> {
  try {
    return await run(seededRandom(seed));
  } catch (error) {
    const message = `seed ${seed} failed (replay: FUZZ_SEED=${seed} npm run fuzz)`;
    if (error instanceof Error) {
      error.message = `${message}: ${error.message}`;
      throw error;
    }
    throw new Error(`${message}: ${String(error)}`);
  }
}
