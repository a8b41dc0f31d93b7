import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodePosition, encodePosition, textRangeAnchor } from './encoding.js';

function resolve(doc: Y.Doc, encoded: string): number {
  return Y.createAbsolutePositionFromRelativePosition(decodePosition(encoded)!, doc)!.index;
}

describe('anchor encoding', () => {
  it('round-trips a relative position as base64, and refuses anything else', () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText('hello');
    doc.getXmlFragment('default').insert(0, [text]);
    const position = Y.createRelativePositionFromTypeIndex(text, 2, -1);
    const encoded = encodePosition(position);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodePosition(encoded)).toMatchObject({ item: position.item, assoc: -1 });
    for (const bad of ['', 'not base64', 'AAAA', `${encoded}AA==`, 'A'.repeat(400), encoded.replace(/=+$/, '')]) {
      expect(decodePosition(bad), bad).toBeNull();
    }
  });

  it('keeps text typed at either edge of a range outside it, and text typed inside in it', () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText('in March 2027');
    doc.getXmlFragment('default').insert(0, [text]);
    const anchor = textRangeAnchor(text, 3, 8);
    text.insert(8, ',');
    text.insert(3, 'early ');
    text.insert(12, '-');
    expect(text.toString()).toBe('in early Mar-ch, 2027');
    expect(text.toString().slice(resolve(doc, anchor.start), resolve(doc, anchor.end))).toBe('Mar-ch');
  });
});
