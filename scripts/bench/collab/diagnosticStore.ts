import { open, type FileHandle } from 'node:fs/promises';
import type { Compaction, DocumentStore, LogPosition } from '../../../server/src/collab/documentStore.js';

/**
 * How `bench:collab`'s diagnostic contenders commit (BENCH_COMMIT): `journal` appends each
 * update to one file and flushes it (`fdatasync`, a group commit: the appends that arrive
 * while a flush runs go in the next one) before the commit resolves, as a local journal in
 * front of the database would; `none` resolves at the next turn of the event loop, with nothing
 * written. Neither is a way to run Mahdar: they show how much of a keystroke's time the
 * database's commit takes, against the same pipeline with a cheaper one or none.
 */
export type DiagnosticCommit = 'journal' | 'none';

/**
 * A document store whose appends skip the database (see DiagnosticCommit); opening still
 * reads the real log. Positions of such appends are numbers past any real row id, and `after`
 * hands back only them (no other process writes), so that a document moves past its own rows
 * without reading the database. It cannot compact: the benchmark turns the compactor off.
 */
export class DiagnosticStore implements DocumentStore {
  private next = 1e12;
  private file: Promise<FileHandle> | null = null;
  private waiting: { update: Uint8Array; resolve: (position: LogPosition) => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly real: DocumentStore,
    private readonly commit: DiagnosticCommit,
    private readonly journalPath: string,
  ) {}

  load(meetingId: string): Promise<Uint8Array[]> {
    return this.real.load(meetingId);
  }

  open(meetingId: string, apply: (updates: Uint8Array[]) => void): Promise<LogPosition> {
    return this.real.open(meetingId, apply);
  }

  append(_meetingId: string, update: Uint8Array): Promise<LogPosition> {
    if (this.commit === 'none') return new Promise((resolve) => setImmediate(() => resolve(++this.next)));
    return new Promise((resolve, reject) => {
      this.waiting.push({ update, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  after(_meetingId: string, position: LogPosition, known: LogPosition[]): Promise<{ position: LogPosition; update: Uint8Array | null }[]> {
    const rows = known.filter((p) => p > position).sort((a, b) => a - b);
    return Promise.resolve(rows.map((p) => ({ position: p, update: null })));
  }

  compact(): Promise<Compaction> {
    return Promise.reject(new Error('the diagnostic store does not compact (BENCH_COMMIT)'));
  }

  /** Closes the journal (the benchmark server's stop). */
  async close(): Promise<void> {
    if (this.file) await (await this.file).close();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      const file = await (this.file ??= open(this.journalPath, 'a'));
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          await file.writev(batch.map((w) => w.update));
          await file.datasync();
          for (const w of batch) w.resolve(++this.next);
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } catch (error) {
      for (const w of this.waiting.splice(0)) w.reject(error);
    } finally {
      this.flushing = false;
    }
  }
}
