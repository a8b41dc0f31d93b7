import { createHash } from 'node:crypto';
import type { Database } from '../../../db/client.js';
import { analyzeSearch, indexedBlocks, latestUpdateId, markIndexed, pruneWords, searchEntryEstimate, writeBlocks, type SearchBlock } from '../../../db/queries/search.js';

/**
 * Blocks per statement. The embedded database has one connection: while a statement runs, every
 * keystroke's commit waits for it. Normalising and vectorising 200 changed blocks (200 people
 * typing, each in a line) took 100–900 ms there in one statement, and a commit meanwhile waited
 * as long; in statements of this size a commit waits for one of them only.
 */
const BLOCKS_PER_STATEMENT = 10;

/**
 * The indexed words are swept for those no text has any more (migration 014), this many every
 * this often, after a write: about 5 ms on the embedded database, between two commits. A
 * directory of 100,000 words is swept in about 17 minutes of typing; its junk is only made by
 * typing.
 */
const PRUNE_EVERY_MS = 1_000;
const WORDS_PER_PRUNE = 100;

/**
 * Writes a meeting's text blocks into `search_entries`, only the blocks that changed since the
 * last write (typing changes one block; the database normalises and vectorises only that one).
 * What was written is remembered per meeting (a hash per block); after a start it is read back
 * from the table.
 */
export class SearchIndex {
  private readonly written = new Map<string, Map<number, string>>();
  /** Rows added or removed since the planner's statistics were refreshed, and the table's rows then. */
  private changed = 0;
  private analyzedRows: number | undefined;

  private pruneDueAt = 0;
  /** Where the sweep of the words goes on from ('' starts again at the first word). */
  private pruneAfter = '';

  constructor(
    private readonly db: Database,
    private readonly pruneEveryMs = PRUNE_EVERY_MS,
  ) {}

  /** Call before reading the document: the log row up to which the read will be complete. */
  watermark(meetingId: string): Promise<string> {
    return latestUpdateId(this.db.sql, meetingId);
  }

  async write(meetingId: string, blocks: SearchBlock[], updateId: string): Promise<void> {
    const before = this.written.get(meetingId) ?? keyed(await indexedBlocks(this.db.sql, meetingId));
    const after = keyed(blocks);
    const upsert = blocks.filter((b) => before.get(b.index) !== after.get(b.index));
    const remove = [...before.keys()].filter((index) => !after.has(index));
    this.written.delete(meetingId);
    // Not one transaction: the log position is recorded last, so a crash halfway leaves the
    // meeting behind its log, and the catch-up at start indexes it again.
    await writeBlocks(this.db.sql, meetingId, { upsert: [], remove });
    for (let i = 0; i < upsert.length; i += BLOCKS_PER_STATEMENT) {
      await writeBlocks(this.db.sql, meetingId, { upsert: upsert.slice(i, i + BLOCKS_PER_STATEMENT), remove: [] });
    }
    await markIndexed(this.db.sql, meetingId, updateId);
    this.written.set(meetingId, after);
    // Typing rewrites a block in place: the table's size, which the plans depend on most, does
    // not change, and counting rewrites analysed a table of 200 lines typed into every 1.5 s.
    await this.refreshStatistics(upsert.filter((b) => !before.has(b.index)).length + remove.length);
    await this.pruneWords();
  }

  /**
   * Sweeps on through the words a partial query is widened to, removing those no text has any
   * more (the beginnings of words seen while they were typed).
   */
  private async pruneWords(): Promise<void> {
    if (Date.now() < this.pruneDueAt) return;
    this.pruneDueAt = Date.now() + this.pruneEveryMs;
    this.pruneAfter = (await pruneWords(this.db.sql, this.pruneAfter, WORDS_PER_PRUNE)) ?? '';
  }

  /**
   * The search's plans depend on the planner's statistics (how common a word is decides between
   * the GIN index and the newest meetings' rows). Postgres's autovacuum keeps them; the embedded
   * database has none, and with no statistics a common word took seconds. So, there only, they
   * are refreshed here once the rows added or removed since reach half the table (at least 500):
   * a few times while a corpus is first indexed, rarely once it is.
   */
  private async refreshStatistics(rows: number): Promise<void> {
    if (this.db.kind !== 'embedded') return;
    this.analyzedRows ??= await searchEntryEstimate(this.db.sql);
    this.changed += rows;
    if (this.changed < Math.max(500, this.analyzedRows / 2)) return;
    this.changed = 0;
    await analyzeSearch(this.db.sql);
    this.analyzedRows = await searchEntryEstimate(this.db.sql);
  }

  /** Forgets a meeting (its document was unloaded): the next write reads the table again. */
  forget(meetingId: string): void {
    this.written.delete(meetingId);
  }
}

function keyed(blocks: SearchBlock[]): Map<number, string> {
  return new Map(blocks.map((b) => [b.index, createHash('sha1').update(`${b.kind}\u0000${b.text}`).digest('base64')]));
}
