import { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { checkUpdate } from '../../../server/src/minutes/validation/updateCheck.js';
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

/** A link of the star: a peer's uplink to the server, or the server's downlink to a peer. */
export interface Link {
  peer: number;
  direction: 'up' | 'down';
}

/**
 * The network of a y-websocket deployment: every peer talks to one server (a Y.Doc of its own),
 * which applies what a peer sends and forwards it to the others. Each link is a FIFO queue
 * delivered at the caller's pace, so edits interleave as with real latency, and a peer sees
 * the others' updates in the server's order, as it would in production.
 */
export class Network {
  readonly server = new Y.Doc();
  private readonly up = new Map<number, Uint8Array[]>();
  private readonly down = new Map<number, Uint8Array[]>();

  constructor(
    private readonly peers: Peer[],
    initial: Uint8Array,
  ) {
    Y.applyUpdate(this.server, initial);
    this.server.on('update', (update: Uint8Array, from: unknown) => {
      for (const peer of peers) if (peer.index !== from) this.queue('down', peer.index).push(update);
    });
    for (const peer of peers) {
      // On connecting, each side sends the other what it lacks (y-websocket's sync step 2): the
      // editors may have written something while they opened.
      this.queue('up', peer.index).push(Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(this.server)));
      this.queue('down', peer.index).push(Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(peer.doc)));
      peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'network' && origin !== 'initial') this.queue('up', peer.index).push(update);
      });
    }
  }

  private queue(direction: 'up' | 'down', peer: number): Uint8Array[] {
    const queues = direction === 'up' ? this.up : this.down;
    let queue = queues.get(peer);
    if (!queue) queues.set(peer, (queue = []));
    return queue;
  }

  /** Links with something in flight. */
  busyLinks(): Link[] {
    const busy: Link[] = [];
    for (const [peer, queue] of this.up) if (queue.length > 0) busy.push({ peer, direction: 'up' });
    for (const [peer, queue] of this.down) if (queue.length > 0) busy.push({ peer, direction: 'down' });
    return busy;
  }

  /** Delivers the oldest update of one link. */
  deliver({ peer, direction }: Link): void {
    const update = this.queue(direction, peer).shift();
    if (!update) return;
    if (direction === 'up') {
      // The server's own check: an editor must never send what it would refuse.
      const verdict = checkUpdate(this.server, update);
      if (!verdict.ok) throw new Error(`the server refuses an update of peer ${peer}: ${verdict.problem.message}`);
      Y.applyUpdate(this.server, update, peer);
    } else Y.applyUpdate(this.peers[peer]!.doc, update, 'network');
  }

  /** Everything the server has for `peer` so far reaches it. */
  receive(peer: Peer): void {
    while (this.queue('down', peer.index).length > 0) this.deliver({ peer: peer.index, direction: 'down' });
  }

  deliverAll(): void {
    for (let links = this.busyLinks(); links.length > 0; links = this.busyLinks()) for (const link of links) this.deliver(link);
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
