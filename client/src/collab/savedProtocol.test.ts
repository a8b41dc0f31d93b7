import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isUpdateBearing } from './savedProtocol.js';

function syncFrame(write: (encoder: encoding.Encoder, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'محضر');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder, doc);
  return encoding.toUint8Array(encoder);
}

describe('isUpdateBearing', () => {
  it('counts sync step 2 and sync update', () => {
    expect(isUpdateBearing(syncFrame((e, d) => syncProtocol.writeSyncStep2(e, d)))).toBe(true);
    expect(isUpdateBearing(syncFrame((e, d) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(d))))).toBe(true);
  });

  it('does not count sync step 1, awareness or other types', () => {
    expect(isUpdateBearing(syncFrame((e, d) => syncProtocol.writeSyncStep1(e, d)))).toBe(false);
    expect(isUpdateBearing(new Uint8Array([1, 2, 0, 0]))).toBe(false);
    expect(isUpdateBearing(new Uint8Array([100, 3]))).toBe(false);
  });

  it('accepts ArrayBuffer and other views, and rejects strings, blobs and garbage', () => {
    const frame = syncFrame((e, d) => syncProtocol.writeSyncStep2(e, d));
    expect(isUpdateBearing(frame.slice().buffer)).toBe(true);
    expect(isUpdateBearing(new DataView(frame.slice().buffer))).toBe(true);
    expect(isUpdateBearing('hello')).toBe(false);
    expect(isUpdateBearing(new Uint8Array([0]))).toBe(false);
    expect(isUpdateBearing(new Uint8Array([0x80]))).toBe(false);
  });
});
