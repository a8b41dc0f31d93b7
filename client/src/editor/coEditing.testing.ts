import { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { minutesExtensions } from '../../../shared/editor/extensions.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import type { Random } from '../../../shared/testing/seeds.js';
import { AutoDirection } from './autoDirection.js';
import { collaborationExtensions } from './collaboration.js';
import type { SyncBinding } from './remoteSelection.js';

/**
 * Co-editing at the editor level for the randomized test: real Tiptap editors (the extension
 * list of the minutes editor) on their own Y.Docs, connected by a simulated network whose links
 * deliver updates in order but at random times, so that edits really interleave.
 */

/** One character typed by a peer: unique in the whole run, so it can be found again. */
export interface Typed {
  char: string;
  peer: number;
  /** Its Yjs item. */
  id: Y.ID;
  /** What the same peer typed just before it at the same caret, if anything. */
  previous: Typed | null;
  /** The typing peer's state vector when it typed: what it had seen of the others. */
  seen: Map<number, number>;
}

export class Peer {
  readonly doc = new Y.Doc();
  readonly editor: Editor;
  /** What this peer typed last in the current run of typing (reset by any other action). */
  lastTyped: Typed | null = null;

  constructor(
    readonly index: number,
    initial: Uint8Array,
    /** Fixed by the seed: Yjs orders concurrent inserts by client id. */
    clientID: number,
  ) {
    this.doc.clientID = clientID;
    Y.applyUpdate(this.doc, initial, 'initial');
    const awareness = new Awareness(this.doc);
    this.editor = new Editor({
      element: document.createElement('div'),
      enableCoreExtensions: { textDirection: false },
      extensions: [
        ...minutesExtensions(),
        ...collaborationExtensions({ doc: this.doc, awareness, user: { name: `Peer ${index}`, color: '#1a5fb4' } }),
        AutoDirection,
      ],
    });
  }

  get binding(): SyncBinding {
    return ySyncPluginKey.getState(this.editor.state).binding as SyncBinding;
  }

  /**
   * Ends the current undo step. Yjs groups changes made within 500 ms into one step, which
   * would make a replayed seed depend on the machine's speed.
   */
  endUndoStep(): void {
    (yUndoPluginKey.getState(this.editor.state)?.undoManager as Y.UndoManager | undefined)?.stopCapturing();
  }

  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(MINUTES_FRAGMENT);
  }

  /** The Yjs element of the textblock around `pos`, found by its path (children correspond one to one). */
  textblockElement(pos: number): Y.XmlElement | null {
    const $pos = this.editor.state.doc.resolve(pos);
    let type: Y.XmlFragment | Y.XmlElement = this.fragment;
    for (let depth = 0; depth < $pos.depth; depth++) {
      const child: unknown = type.get($pos.index(depth));
      if (!(child instanceof Y.XmlElement)) return null;
      type = child;
    }
    return type instanceof Y.XmlElement && type.nodeName === $pos.parent.type.name ? type : null;
  }

  relativePosition(pos: number): Y.RelativePosition {
    return absolutePositionToRelativePosition(pos, this.fragment, this.binding.mapping) as Y.RelativePosition;
  }

  destroy(): void {
    this.editor.destroy();
    this.doc.destroy();
  }
}

/** Per-link FIFO queues; a delivery takes the oldest update of one link. */
export class Network {
  private readonly queues = new Map<string, Uint8Array[]>();

  constructor(private readonly peers: Peer[]) {
    for (const from of peers) {
      from.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'network' || origin === 'initial') return;
        for (const to of peers) if (to !== from) this.queue(from.index, to.index).push(update);
      });
    }
  }

  private queue(from: number, to: number): Uint8Array[] {
    const key = `${from}>${to}`;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = []));
    return queue;
  }

  /** Links with something in flight, as [from, to]. */
  busyLinks(): [number, number][] {
    return [...this.queues].filter(([, q]) => q.length > 0).map(([key]) => key.split('>').map(Number) as [number, number]);
  }

  deliverOne(from: number, to: number): void {
    const update = this.queue(from, to).shift();
    if (update) Y.applyUpdate(this.peers[to]!.doc, update, 'network');
  }

  deliverAll(): void {
    for (let links = this.busyLinks(); links.length > 0; links = this.busyLinks()) {
      for (const [from, to] of links) this.deliverOne(from, to);
    }
  }
}


/** Positions inside textblocks (where a caret can be), each with its block. */
export function textblocks(doc: PMNode): { node: PMNode; start: number }[] {
  const found: { node: PMNode; start: number }[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) found.push({ node, start: pos + 1 });
    return !node.isTextblock;
  });
  return found;
}

export function randomCaret(random: Random, doc: PMNode, emptyOnly = false): number {
  const blocks = textblocks(doc).filter((b) => !emptyOnly || b.node.content.size === 0);
  const pool = blocks.length > 0 ? blocks : textblocks(doc);
  const block = random.pick(pool);
  return block.start + random.int(0, block.node.content.size);
}

export function setSelection(editor: Editor, anchor: number, head = anchor): void {
  const { doc } = editor.state;
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))));
}

/** A key as the keyboard gives it (the editor's keymaps run, as for a person). */
export function pressKey(editor: Editor, key: string): void {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  editor.view.someProp('handleKeyDown', (handle) => handle(editor.view, event));
}

/** Types one character like a user: through `handleTextInput` (input rules), else inserted. */
export function typeChar(editor: Editor, char: string): void {
  const { from, to } = editor.state.selection;
  const handled = editor.view.someProp('handleTextInput', (f) => f(editor.view, from, to, char, () => editor.state.tr.insertText(char, from, to)));
  if (!handled) editor.view.dispatch(editor.state.tr.insertText(char, from, to));
}

/** The Yjs id of `char`, written by `doc`'s client at or after `sinceClock`. */
export function findWritten(doc: Y.Doc, char: string, sinceClock: number): Y.ID | null {
  const structs = doc.store.clients.get(doc.clientID) ?? [];
  for (let i = structs.length - 1; i >= 0; i--) {
    const struct = structs[i]!;
    if (struct.id.clock + struct.length <= sinceClock) break;
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) {
      const at = struct.content.str.indexOf(char);
      if (at >= 0 && struct.id.clock + at >= sinceClock) return Y.createID(struct.id.client, struct.id.clock + at);
    }
  }
  return null;
}

/** Whether the item `id` exists and is not deleted (deleting a block deletes its content). */
export function isAlive(doc: Y.Doc, id: Y.ID): boolean {
  if (Y.getState(doc.store, id.client) <= id.clock) return false;
  const struct = Y.getItem(doc.store, id);
  return struct instanceof Y.Item && !struct.deleted;
}
