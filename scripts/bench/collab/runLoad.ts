import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { LatencyBook, LoadClient } from './loadClient.js';
import type { ServerReady } from './servers/ready.js';
import { summary } from './stats.js';
import { typeAtRate } from './typeAtRate.js';
import type { Wire } from './wire.js';

export interface Load {
  typists: number;
  /** Measured seconds, after `warmupSeconds` of the same typing that are not timed. */
  seconds: number;
  warmupSeconds: number;
  /** Keystrokes per second per typist. */
  rate: number;
  /** Writes every timed keystroke here, `sent ms<TAB>latency ms` a line (to see when the slow ones were sent). */
  timelineFile?: string | undefined;
}

export interface LoadResult {
  latency: ReturnType<typeof summary>;
  saved: ReturnType<typeof summary> | null;
  sent: number;
  lost: number;
  converged: boolean;
  closedClients: number;
}

const SYNC_TIMEOUT_MS = 60_000;
/** After typing stops: how long without progress before what has not arrived counts as lost. */
const DRAIN_QUIET_MS = 5_000;

/**
 * One observer per document and `typists` typists spread over the documents, each typing into
 * its own line at `rate`; latency is a keystroke leaving its typist until the observer of its
 * document has applied it.
 */
export async function runLoad(wire: Wire, ready: ServerReady, load: Load): Promise<LoadResult> {
  const book = new LatencyBook();
  const connect = (docName: string, observer: boolean) => new LoadClient(wire, ready.base, docName, ready.headers, book, observer);
  const observers = ready.docNames.map((name) => connect(name, true));
  const typists: LoadClient[] = [];
  for (let i = 0; i < load.typists; i++) {
    typists.push(connect(ready.docNames[i % ready.docNames.length]!, false));
    // Connect in small waves, as users arrive, not as one thundering herd.
    if (i % 25 === 24) await new Promise((r) => setTimeout(r, 20));
  }
  const all = [...observers, ...typists];
  await withTimeout(Promise.all(all.map((c) => c.synced)), SYNC_TIMEOUT_MS, 'clients synced');
  typists.forEach((t, i) => t.startLine(`سطر ${i}: `));
  await new Promise((r) => setTimeout(r, 1_000));

  // The first seconds warm up the server (its JIT compilers, PGlite's WebAssembly tiering up,
  // its buffers): typed and checked, not timed, for every server alike.
  const typed = await typeAtRate(typists, load.rate, load.seconds + load.warmupSeconds, (start) => (book.measureFrom = start + load.warmupSeconds * 1000));

  let lastArrived = -1;
  let lastProgress = performance.now();
  while (book.arrivedCount < book.sentCount && performance.now() - lastProgress < DRAIN_QUIET_MS) {
    if (book.arrivedCount !== lastArrived) {
      lastArrived = book.arrivedCount;
      lastProgress = performance.now();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // "saved" can trail the broadcast a little.
  const savedBy = performance.now() + 2_000;
  while (typists.some((t) => !t.allSaved) && performance.now() < savedBy) await new Promise((r) => setTimeout(r, 50));

  // Every typist's line reads, at its document's observer, exactly as the typist typed it.
  const converged = typists.every((t, i) => lineOf(observers[i % observers.length]!, i) === t.lineText && t.lineText.endsWith(typed[i]!));
  const savedLatencies = typists.flatMap((t) => t.savedLatencies);
  const result: LoadResult = {
    latency: summary(book.latencies),
    saved: savedLatencies.length > 0 ? summary(savedLatencies) : null,
    sent: book.sentCount,
    lost: book.sentCount - book.arrivedCount,
    converged,
    closedClients: all.filter((c) => c.closedWith !== null).length,
  };
  for (const c of all) c.close();
  if (load.timelineFile) writeFileSync(load.timelineFile, `# t0 ${(performance.timeOrigin + book.measureFrom).toFixed(0)} (epoch ms)\n` + book.sentTimes.map((t, i) => `${t.toFixed(1)}\t${book.latencies[i]!.toFixed(2)}\n`).join(''));
  return result;
}

/** The text of typist i's line as the observer sees it (lines are labelled `سطر i: `). */
function lineOf(observer: LoadClient, i: number): string | undefined {
  const label = `سطر ${i}: `;
  for (const node of observer.doc.getXmlFragment(MINUTES_FRAGMENT).toArray()) {
    const text = node instanceof Y.XmlElement ? node.get(0) : null;
    if (text instanceof Y.XmlText && text.toString().startsWith(label)) return text.toString();
  }
  return undefined;
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
