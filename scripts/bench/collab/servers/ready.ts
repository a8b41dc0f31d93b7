/** What a benchmark server harness prints on stdout once it accepts connections. */
export interface ServerReady {
  /** ws:// base; a document's socket is `${base}/${docName}` unless `wire` says otherwise. */
  base: string;
  docNames: string[];
  /** Request headers every client sends (Mahdar: the session cookie). */
  headers: Record<string, string>;
}

export const READY_PREFIX = 'BENCH-READY ';

export function announce(ready: ServerReady): void {
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(ready)}\n`);
}

/** Documents to create: `BENCH_DOCS` (default 1). */
export function docCount(): number {
  return Number(process.env.BENCH_DOCS ?? 1);
}
