import * as Y from 'yjs';
import { validateDocument } from '../../minutes/validation/documentCheck.js';
import { minutesJSON } from '../../minutes/readMinutes.js';

/**
 * What must hold of a meeting's stored minutes whatever peers sent: the log replays to a
 * document with nothing left pending (unintegrable content is never stored), that is valid
 * minutes for the shared schema, and that the readers read.
 */
const checks: { name: string; problem: (doc: Y.Doc) => string | null }[] = [
  {
    name: 'self-contained log',
    problem: (doc) => (doc.store.pendingStructs || doc.store.pendingDs ? 'the log holds content that depends on content it lacks' : null),
  },
  {
    name: 'valid minutes',
    problem: (doc) => {
      const problem = validateDocument(doc);
      return problem && `${problem.message} (item ${problem.client}:${problem.clock})`;
    },
  },
  {
    name: 'readable through the schema',
    problem: (doc) => {
      try {
        minutesJSON(doc);
        return null;
      } catch (error) {
        return `the schema cannot read it: ${String(error).slice(0, 200)}`;
      }
    },
  },
];

/** Problems of a document replayed from its stored log (empty: healthy). */
export function storedDocumentProblems(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  try {
    try {
      if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
    } catch (error) {
      return [`the log does not replay: ${String(error).slice(0, 200)}`];
    }
    return checks.flatMap(({ name, problem }) => {
      const found = problem(doc);
      return found ? [`${name}: ${found}`] : [];
    });
  } finally {
    doc.destroy();
  }
}
