import * as Y from 'yjs';
import { containerOfType } from './containers.js';
import { itemProblem } from './itemRules.js';
import { minutesRules, type DocumentRules } from './schemaRules.js';

/** What makes a document (or an update) not valid minutes, and the item that does. */
export interface Problem {
  message: string;
  /** Id of the offending item (client id and clock). */
  client: number;
  clock: number;
}

/** An integrated struct of the document: checked unless it is deleted (invisible) or garbage. */
function structProblem(rules: DocumentRules, struct: Y.AbstractStruct): Problem | null {
  if (!(struct instanceof Y.Item) || struct.deleted) return null;
  const parent = struct.parent;
  // Integrated items always have a type as parent; anything else is garbage to Yjs.
  if (!(parent instanceof Y.AbstractType)) return null;
  const message = itemProblem(rules, containerOfType(parent, rules.maxDepth), struct.parentSub, struct.content);
  return message === null ? null : { message, client: struct.id.client, clock: struct.id.clock };
}

/**
 * Whether a whole document is valid minutes: every visible item of every client, whatever
 * root it is in. For loads and for checks of a stored document (tests, fuzzing); live edits
 * are checked by `transactionProblem` on what they changed only.
 */
export function validateDocument(doc: Y.Doc, rules: DocumentRules = minutesRules()): Problem | null {
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      const problem = structProblem(rules, struct);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * Checks the structs a transaction integrated (each client's clocks from its state before to
 * its state after), so the cost follows the size of the change, not of the document. This sees
 * everything Yjs put in, including structs of earlier updates that were waiting for a missing
 * dependency (pending) and were integrated by this one.
 */
export function transactionProblem(transaction: Y.Transaction, rules: DocumentRules = minutesRules()): Problem | null {
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const problem = structProblem(rules, structs[i]!);
      if (problem) return problem;
    }
  }
  return null;
}
