import * as Y from 'yjs';
import { readsAsSaved } from '../../../shared/collab/readsAsSaved.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';

/**
 * How long "saved" lasts after an undo before the document is checked (readsAsSaved): a run of
 * undos is checked once, when the user pauses.
 */
export const UNDO_CHECK_DELAY_MS = 1_000;

/**
 * After the user undid or redid, checks once, saved and at rest, that the minutes in memory read
 * as they were saved (a Yjs undo bug: readsAsSaved.ts), and calls `onReloadNeeded` if not. Only
 * then: a reload must lose nothing (the server has it all, local copy or not), and the check
 * encodes and loads the whole document.
 */
export class UndoCheck {
  /** The user undid or redid since the document was last checked. */
  private undone = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly doc: Y.Doc,
    /** Still saved (and not destroyed) when the delay is over. */
    private readonly isSaved: () => boolean,
    private readonly onReloadNeeded: (() => void) | undefined,
  ) {
    // Yjs runs an undo or redo as a transaction whose origin is the undo manager.
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin instanceof Y.UndoManager) this.undone = true;
    });
  }

  /** Everything sent is saved: check after the delay, if the user undid. */
  saved(): void {
    if (!this.undone || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Not saved any more: the next "saved" checks again.
      if (!this.isSaved()) return;
      this.undone = false;
      if (!readsAsSaved(this.doc, MINUTES_FRAGMENT)) this.onReloadNeeded?.();
    }, UNDO_CHECK_DELAY_MS);
  }

  destroy(): void {
    clearTimeout(this.timer);
  }
}
