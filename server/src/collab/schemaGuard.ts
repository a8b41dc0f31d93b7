import * as Y from 'yjs';
import { transactionProblem, type Problem } from '../minutes/validation/documentCheck.js';
import type { DocumentRules } from '../minutes/validation/schemaRules.js';
import { checkUpdate } from '../minutes/validation/updateCheck.js';

/** A damaged in-memory document: nothing of the running batch may be committed. */
export class DamagedDocumentError extends Error {
  constructor(readonly problem: Problem) {
    super(`the document is no longer valid minutes: ${problem.message}`);
  }
}

/**
 * Runs `change` (which may throw) and checks every transaction it ran on `doc`: Yjs itself may
 * run a second one (formatting clean-up after a remote edit of a text). Returns the first
 * problem; an error of `change` is rethrown only when what it did is valid.
 */
export function checkedChange(doc: Y.Doc, change: () => void, rules: DocumentRules): Problem | null {
  const transactions: Y.Transaction[] = [];
  const collect = (transaction: Y.Transaction) => transactions.push(transaction);
  doc.on('afterTransaction', collect);
  let failure: { error: unknown } | undefined;
  try {
    change();
  } catch (error) {
    failure = { error };
  } finally {
    doc.off('afterTransaction', collect);
  }
  for (const transaction of transactions) {
    const problem = transactionProblem(transaction, rules);
    if (problem) return problem;
  }
  if (failure) throw failure.error;
  return null;
}

/**
 * Clients' updates applied only while the document stays valid minutes, the changes of one
 * commit batch made in ONE Yjs transaction and checked together. Each update is checked before
 * it is applied (`checkUpdate`: an invalid one is refused whole, nothing of it applied); what Yjs
 * then actually integrated is checked when the transaction ends (`transactionProblem`), which
 * also covers items of earlier updates that waited for a missing dependency and came in with a
 * later one. Should that find a problem, the batch must not be committed (Yjs cannot take it
 * back), and `authorsOf` tells whose update brought the item in.
 *
 * One transaction per batch rather than per update: a transaction's fixed cost (the state vector
 * of every client before and after, the clean-up, the update event) was, with two hundred
 * clients in a document, most of the cost of applying a keystroke (`npm run bench:validation`).
 */
export class GuardedBatch<Author> {
  private readonly applied: { author: Author; update: Uint8Array; v2: boolean }[] = [];

  constructor(
    private readonly doc: Y.Doc,
    private readonly rules: DocumentRules,
  ) {}

  /**
   * Runs `changes` (applies and trusted server changes) in one transaction with `origin`;
   * returns the first problem of what was integrated, or null.
   */
  run(changes: () => void, origin: unknown): Problem | null {
    return checkedChange(this.doc, () => this.doc.transact(changes, origin), this.rules);
  }

  /**
   * Inside `run`: applies an update of `author` unless checking it first finds a problem, which
   * is returned (nothing of the update applied). Errors Yjs throws while applying are passed on.
   */
  apply(author: Author, update: Uint8Array, v2: boolean): Problem | null {
    const verdict = checkUpdate(this.doc, update, this.rules, v2);
    if (!verdict.ok) return verdict.problem;
    this.applied.push({ author, update, v2 });
    (v2 ? Y.applyUpdateV2 : Y.applyUpdate)(this.doc, update);
    return null;
  }

  /** Authors whose own updates of this batch contain the item of `problem`. */
  authorsOf(problem: Problem): Author[] {
    const authors = new Set<Author>();
    for (const { author, update, v2 } of this.applied) {
      if (containsStruct((v2 ? Y.decodeUpdateV2 : Y.decodeUpdate)(update).structs, problem)) authors.add(author);
    }
    return [...authors];
  }
}

function containsStruct(structs: Y.AbstractStruct[], { client, clock }: Problem): boolean {
  return structs.some((s) => s.id.client === client && s.id.clock <= clock && clock < s.id.clock + s.length);
}
