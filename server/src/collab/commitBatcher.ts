import postgres from 'postgres';
import { commitResult, commitUpdates, type Commit, type CommitOutcome } from '../../../db/queries/minutesUpdates.js';
import type { Sql } from '../../../db/client.js';
import { isDatabaseUnavailable } from '../../../db/unavailable.js';

interface Waiting {
  commit: Commit;
  resolve: (id: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit across documents: each document's pipeline already gathers its own keystrokes
 * into one commit; this gathers the commits of every document of the process that are due at
 * the same time into one statement (commitUpdates), run one at a time. With fifty documents
 * typed into, a commit per document per turn was fifty round trips and fifty transactions:
 * on the embedded database's single connection they queued behind each other (500 typists in
 * 50 documents: p50 150 ms), on Postgres each waited for its own WAL flush.
 */
export class CommitBatcher {
  private queue: Waiting[] = [];
  private running = false;

  /** `announce`: commits notify the other server processes (commitUpdates). */
  constructor(
    private readonly sql: Sql,
    private readonly announce = true,
  ) {}

  /** Commits `commit` with whatever else is due; resolves with its row id once committed. */
  commit(commit: Commit): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ commit, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        try {
          this.settle(batch, await commitUpdates(this.sql, batch.map((w) => w.commit), this.announce));
        } catch (error) {
          if (batch.length === 1 || !refusedStatement(error)) {
            for (const waiting of batch) waiting.reject(error);
            continue;
          }
          // The database refused the statement (so nothing of it was committed) for one
          // document's commit, maybe: each is tried alone, so that only that document fails and
          // the others' typists are not disconnected with it, again at each shared batch.
          for (const waiting of batch) {
            try {
              this.settle([waiting], await commitUpdates(this.sql, [waiting.commit], this.announce));
            } catch (alone) {
              waiting.reject(alone);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  private settle(batch: Waiting[], outcomes: CommitOutcome[]): void {
    batch.forEach((waiting, i) => {
      try {
        waiting.resolve(commitResult(waiting.commit.meetingId, outcomes[i]!));
      } catch (error) {
        waiting.reject(error);
      }
    });
  }

  /** Everything queued, but one commit per meeting (a second one waits for the next batch). */
  private takeBatch(): Waiting[] {
    const seen = new Set<string>();
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const waiting of this.queue) {
      if (seen.has(waiting.commit.meetingId)) rest.push(waiting);
      else {
        seen.add(waiting.commit.meetingId);
        batch.push(waiting);
      }
    }
    this.queue = rest;
    return batch;
  }
}

/**
 * An error the database answered for the statement: it was rolled back. Not a lost connection,
 * after which a commit may have gone through unseen and must not be made again.
 */
function refusedStatement(error: unknown): boolean {
  return error instanceof postgres.PostgresError && !isDatabaseUnavailable(error);
}
