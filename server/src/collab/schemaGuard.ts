import * as Y from 'yjs';
import { transactionProblem, type Problem } from '../minutes/validation/documentCheck.js';
import type { DocumentRules } from '../minutes/validation/schemaRules.js';
import { checkUpdate } from '../minutes/validation/updateCheck.js';

export type GuardedResult =
  | { kind: 'applied' }
  /** Nothing of the update was applied. */
  | { kind: 'refused'; problem: Problem }
  /**
   * Applied, and the document is no longer valid minutes: Yjs cannot take it back, so the
   * in-memory document must be discarded uncommitted. `ownStruct`: the offending item came in
   * this very update (rather than being a pending one from earlier that it let in).
   */
  | { kind: 'damaged'; problem: Problem; ownStruct: boolean };

/** A damaged in-memory document: nothing of the running batch may be committed. */
export class DamagedDocumentError extends Error {
  constructor(readonly problem: Problem) {
    super(`the document is no longer valid minutes: ${problem.message}`);
  }
}

/**
 * Applies a client's update only if the document stays valid minutes. The update is checked
 * before it is applied (`checkUpdate`: an invalid one is refused whole); what Yjs then actually
 * integrated is checked again (`transactionProblem`), which also covers items of earlier
 * updates that waited for a missing dependency and come in with this one. Errors Yjs throws
 * while applying are passed on, unless what it integrated before throwing is already invalid.
 */
export function applyValidUpdate(doc: Y.Doc, update: Uint8Array, options: { v2: boolean; origin: unknown }, rules: DocumentRules): GuardedResult {
  const { v2, origin } = options;
  const verdict = checkUpdate(doc, update, rules, v2);
  if (!verdict.ok) return { kind: 'refused', problem: verdict.problem };
  const problem = checkedChange(doc, () => (v2 ? Y.applyUpdateV2 : Y.applyUpdate)(doc, update, origin), rules);
  if (problem === null) return { kind: 'applied' };
  return { kind: 'damaged', problem, ownStruct: containsStruct((v2 ? Y.decodeUpdateV2 : Y.decodeUpdate)(update).structs, problem) };
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

function containsStruct(structs: Y.AbstractStruct[], { client, clock }: Problem): boolean {
  return structs.some((s) => s.id.client === client && s.id.clock <= clock && clock < s.id.clock + s.length);
}
