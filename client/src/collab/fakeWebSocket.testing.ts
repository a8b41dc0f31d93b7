import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { isUpdateBearing } from './savedProtocol.js';

/**
 * A stand-in for the browser WebSocket that a test drives by hand: open it, deliver server
 * frames, close it with a code. It records what the provider sent.
 */
export class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: Uint8Array[] = [];
  private readonly listeners = new Map<string, Set<(event: unknown) => void>>();

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeWebSocket.instances.push(this);
  }

  send(data: Uint8Array): void {
    if (this.readyState !== this.OPEN) throw new Error('InvalidStateError: not open');
    this.sent.push(new Uint8Array(data));
  }

  close(): void {
    this.readyState = this.CLOSED;
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** The server accepted the connection. */
  open(): void {
    this.readyState = this.OPEN;
    this.onopen?.({});
    this.emit('open', {});
  }

  /** A frame from the server. */
  receive(frame: Uint8Array): void {
    const event = { data: frame.slice().buffer };
    this.onmessage?.(event);
    this.emit('message', event);
  }

  private emit(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The server closed the connection. */
  serverClose(code: number, reason = ''): void {
    this.readyState = this.CLOSED;
    this.onclose?.({ code, reason });
  }
}

export function serverSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function serverSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** The Yjs updates in the update-bearing frames a socket sent. */
export function sentUpdates(socket: FakeWebSocket): Uint8Array[] {
  return socket.sent.filter(isUpdateBearing).map((frame) => {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    return decoding.readVarUint8Array(decoder);
  });
}
