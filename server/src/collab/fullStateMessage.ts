import type * as Y from 'yjs';
import { encodeStateAsUpdate } from 'yjs';
import { syncStep2Message, syncStep2Of } from './messages.js';

/**
 * The sync step 2 that answers a client holding nothing (an empty state vector: a first visit,
 * most of those who join a session), kept until the document changes. Encoding the whole state
 * and framing it is most of the work of answering that client: about 25 ms for 50 pages. A
 * document loaded from one stored update (compacted) starts with that update as its answer, as
 * it stands for exactly the state it built: the first opener needs no encoding at all.
 */
export class FullStateMessage {
  private message: Uint8Array | null = null;

  constructor(
    private readonly doc: Y.Doc,
    /** The one update the document was built from, if it was built from exactly one. */
    private builtFrom: Uint8Array | null,
  ) {
    // Any change, here or applied from another process, makes both stale. Goes with the doc.
    doc.on('update', () => {
      this.message = null;
      this.builtFrom = null;
    });
  }

  /** The step 2 for `stateVector`: the kept one when it is empty (nothing held). */
  answer(stateVector: Uint8Array): Uint8Array {
    if (!holdsNothing(stateVector)) return syncStep2Message(this.doc, stateVector);
    // Framed when first asked for: a document loaded with nobody to answer (a projection's,
    // an export's) keeps no second copy of itself.
    this.message ??= syncStep2Of(this.builtFrom ?? encodeStateAsUpdate(this.doc));
    this.builtFrom = null;
    return this.message;
  }
}

/** An encoded state vector of no clients: one varuint 0. */
function holdsNothing(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

