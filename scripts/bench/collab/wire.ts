import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * How a server frames y-websocket messages. y-websocket servers (Mahdar, @y/websocket-server)
 * take the document from the URL and send bare messages; Hocuspocus multiplexes documents on
 * one socket, so every message starts with the document name, and a connection authenticates
 * (an empty token here) before it syncs.
 */
export interface Wire {
  url(base: string, docName: string): string;
  /** Messages to send first. */
  hello(docName: string): Uint8Array[];
  frame(docName: string, message: Uint8Array): Uint8Array;
  /** The bare message: its first varUint is the y-websocket message type. */
  unframe(data: Uint8Array): decoding.Decoder;
}

export const yWebsocketWire: Wire = {
  url: (base, docName) => `${base}/${docName}`,
  hello: () => [],
  frame: (_docName, message) => message,
  unframe: (data) => decoding.createDecoder(data),
};

const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_TOKEN = 0;
/** Hocuspocus answers sync step 1 with type 4 (SyncReply); the payload is a sync message. */
export const HOCUSPOCUS_SYNC_REPLY = 4;

export const hocuspocusWire: Wire = {
  url: (base) => base,
  hello: (docName) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, docName);
    encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH);
    encoding.writeVarUint(encoder, HOCUSPOCUS_TOKEN);
    encoding.writeVarString(encoder, '');
    return [encoding.toUint8Array(encoder)];
  },
  frame: (docName, message) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, docName);
    encoding.writeUint8Array(encoder, message);
    return encoding.toUint8Array(encoder);
  },
  unframe: (data) => {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    return decoder;
  },
};
