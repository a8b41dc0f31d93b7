import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { MessageType } from '../../../shared/collab/protocol.js';

/** A websocket to `/collab/:meetingId` that sends whatever it is told: a hostile or broken peer. */
export interface RawPeer {
  ws: WebSocket;
  /** Every binary message received, in order. */
  received: Uint8Array[];
  /** The latest `saved` count the server sent (0 before any). */
  saved(): number;
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array | string): void;
}

/** Opens the socket and waits for the server's first message (its sync step 1). */
export function openRawPeer(baseUrl: string, meetingId: string, cookie?: string): Promise<RawPeer> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${meetingId}`, { headers: cookie ? { cookie } : {} });
  const received: Uint8Array[] = [];
  let saved = 0;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data);
    received.push(bytes);
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) === MessageType.saved) saved = decoding.readVarUint(decoder);
  });
  const peer: RawPeer = {
    ws,
    received,
    saved: () => saved,
    closed,
    send: (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(frame);
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve(peer));
    ws.once('error', reject);
    void closed.then(({ code, reason }) => reject(new Error(`closed before the first message: ${code} ${reason}`)));
  });
}

function syncFrame(subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const syncStep1Frame = (stateVector: Uint8Array) => syncFrame(0, stateVector);
export const syncStep2Frame = (update: Uint8Array) => syncFrame(1, update);
export const updateFrame = (update: Uint8Array) => syncFrame(2, update);

export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness update of one entry whose state is the given JSON text, as sent. */
export function awarenessUpdate(clientId: number, clock: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, json);
  return encoding.toUint8Array(encoder);
}
