import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, isDocumentUpdateMessage } from '../../../shared/collab/protocol.js';
import { appendParagraph } from '../../../server/src/test/yClient.js';
import { HOCUSPOCUS_SYNC_REPLY, type Wire } from './wire.js';

const REMOTE = Symbol('remote');

/** When each keystroke left its typist and when observers applied it, by Yjs id. */
export class LatencyBook {
  private readonly sent = new Map<number, number[]>();
  readonly latencies: number[] = [];
  /** When each timed keystroke was sent, ms after measureFrom, in the order of `latencies`. */
  readonly sentTimes: number[] = [];
  /** Keystrokes sent before this time (the warm-up) are delivered and checked, not timed. */
  measureFrom = 0;
  sentCount = 0;
  arrivedCount = 0;

  markSent(client: number, clock: number, at: number): void {
    let times = this.sent.get(client);
    if (!times) this.sent.set(client, (times = []));
    times[clock] = at;
    this.sentCount++;
  }

  /** An observer applied the structs `from`..`to` (exclusive) of these clients. */
  markApplied(update: Uint8Array, at: number): void {
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, end] of to) {
      const times = this.sent.get(client);
      if (!times) continue;
      for (let clock = from.get(client) ?? 0; clock < end; clock++) {
        const t = times[clock];
        if (t === undefined) continue;
        if (t >= this.measureFrom) {
          this.latencies.push(at - t);
          this.sentTimes.push(t - this.measureFrom);
        }
        this.arrivedCount++;
        times[clock] = undefined as unknown as number;
      }
    }
  }
}

/**
 * A y-websocket client without a provider: typists apply only the initial sync (each types into
 * its own line, so later updates of others change nothing it needs) and read nothing else but
 * Mahdar's "saved" acknowledgements; observers apply everything, which is what a latency is
 * measured to. Keeps the load generator cheap enough to drive hundreds of clients from one process.
 */
export class LoadClient {
  readonly doc = new Y.Doc();
  readonly synced: Promise<void>;
  /** Keystroke → "saved" (Mahdar only), ms. */
  readonly savedLatencies: number[] = [];
  closedWith: number | null = null;
  /** When the socket opened, and when the server's first sync step 2 arrived (before it is applied). */
  openedAt = 0;
  firstStep2At = 0;
  private readonly ws: WebSocket;
  private isSynced = false;
  private sentMessages = 0;
  private savedMessages = 0;
  private readonly sentAt = new Map<number, number>();
  private line: Y.XmlText | null = null;

  constructor(
    private readonly wire: Wire,
    base: string,
    private readonly docName: string,
    headers: Record<string, string>,
    private readonly book: LatencyBook,
    private readonly observer: boolean,
  ) {
    let markSynced!: () => void;
    this.synced = new Promise((resolve) => (markSynced = resolve));
    this.ws = new WebSocket(wire.url(base, docName), { headers, perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => {
      this.openedAt = performance.now();
      for (const hello of wire.hello(docName)) this.ws.send(hello);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.send(encoding.toUint8Array(encoder));
    });
    this.ws.on('close', (code) => (this.closedWith = code));
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer) => {
      const arrivedAt = performance.now();
      const decoder = wire.unframe(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.sync || type === HOCUSPOCUS_SYNC_REPLY) {
        if (this.isSynced && !this.observer) return;
        if (!this.isSynced && decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep2) this.firstStep2At = arrivedAt;
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.sync);
        const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, REMOTE);
        if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
        if (kind === syncProtocol.messageYjsSyncStep2 && !this.isSynced) {
          this.isSynced = true;
          markSynced();
        }
      } else if (type === MessageType.saved) {
        const count = decoding.readVarUint(decoder);
        const now = performance.now();
        for (let i = this.savedMessages + 1; i <= count; i++) {
          const t = this.sentAt.get(i);
          if (t !== undefined && t >= this.book.measureFrom) this.savedLatencies.push(now - t);
          this.sentAt.delete(i);
        }
        this.savedMessages = count;
      }
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) {
        if (this.observer) book.markApplied(update, performance.now());
        return;
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
  }

  /** Adds this typist's own line (after sync). */
  startLine(label: string): void {
    this.line = appendParagraph(this.doc, label, 'rtl');
  }

  /** One keystroke at the end of the own line; returns false if the socket is gone. */
  type(char: string): boolean {
    if (!this.line || this.ws.readyState !== WebSocket.OPEN) return false;
    const at = performance.now();
    this.line.insert(this.line.length, char);
    this.sentAt.set(this.sentMessages, at);
    this.book.markSent(this.doc.clientID, Y.getState(this.doc.store, this.doc.clientID) - 1, at);
    return true;
  }

  get lineText(): string {
    return this.line?.toString() ?? '';
  }

  /** Every update message this client sent is acknowledged (Mahdar). */
  get allSaved(): boolean {
    return this.savedMessages >= this.sentMessages;
  }

  close(): void {
    this.ws.terminate();
    this.doc.destroy();
  }

  private send(message: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (isDocumentUpdateMessage(message)) this.sentMessages++;
    this.ws.send(this.wire.frame(this.docName, message));
  }
}
