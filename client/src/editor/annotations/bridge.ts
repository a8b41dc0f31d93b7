import type { EncodedAnchor as Anchor } from './anchors.js';

/** What the editor draws for one amendment or comment. */
export interface AnnotationView {
  id: string;
  /** `hidden`: not drawn (a decided amendment, a resolved thread), but its place is known (margin order and links). */
  kind: 'amendment' | 'comment' | 'hidden';
  anchor: Anchor;
  /** The proposer's side among the group's sides (its colour); -1 without one. */
  tone: number;
  /** The side's name in the interface language (amendments), shown with the proposed words. */
  label: string;
  /** The proposed words; empty for a deletion. */
  proposed: string;
}

/** The editor's selection, ready to anchor an amendment or a comment. */
export interface SelectionInfo {
  anchor: Anchor;
  /** The selected text (empty for a caret). */
  quote: string;
  collapsed: boolean;
  /** Inside the text of one block (amendments may only cover that). */
  oneBlock: boolean;
}

/** What the editor offers the page once it is running (the editor is loaded lazily). */
export interface EditorHandle {
  setAnnotations(views: AnnotationView[]): void;
  /** The user's selection, or null when they have not placed one in the minutes. */
  selection(): SelectionInfo | null;
  /** Selects an annotation's range and scrolls it into view; false if it resolves nowhere. */
  reveal(id: string): boolean;
}

/**
 * Between the meeting page (margin, forms) and the lazily loaded editor: the page sets what to
 * draw, the editor reports where each anchor now starts (for document order) and answers for
 * the selection. Holds no Tiptap or Yjs code, so the page's bundle stays without them.
 */
export class AnnotationBridge {
  private handle: EditorHandle | null = null;
  private views: AnnotationView[] = [];
  private positions: ReadonlyMap<string, number> = new Map();
  private readonly listeners = new Set<() => void>();

  connect(handle: EditorHandle): () => void {
    this.handle = handle;
    handle.setAnnotations(this.views);
    return () => {
      if (this.handle === handle) this.handle = null;
    };
  }

  setAnnotations(views: AnnotationView[]): void {
    this.views = views;
    this.handle?.setAnnotations(views);
  }

  selection(): SelectionInfo | null {
    return this.handle?.selection() ?? null;
  }

  reveal(id: string): boolean {
    return this.handle?.reveal(id) ?? false;
  }

  /** From the editor: where each anchor starts now. Listeners hear only of real changes. */
  setPositions(next: ReadonlyMap<string, number>): void {
    const same = next.size === this.positions.size && [...next].every(([id, pos]) => this.positions.get(id) === pos);
    if (same) return;
    this.positions = next;
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getPositions = (): ReadonlyMap<string, number> => this.positions;
}
