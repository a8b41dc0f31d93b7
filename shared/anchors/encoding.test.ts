import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodePosition, encodePosition, textRangeAnchor } from './encoding.js';
import { anchorFromPositions, anchorQuote, rangeText, resolveAnchor } from './resolve.js';

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

  it("re-makes an editor selection's relative positions into an anchor of one block, and resolves it to its words", () => {
    const doc = new Y.Doc();
    const first = new Y.XmlText('first words');
    const second = new Y.XmlText('second');
    const paragraph = (text: Y.XmlText) => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [text]);
      return element;
    };
    doc.getXmlFragment('default').insert(0, [paragraph(first), paragraph(second)]);
    // What y-prosemirror's absolutePositionToRelativePosition gives: assoc -1 at both ends.
    const anchor = anchorFromPositions(doc, Y.createRelativePositionFromTypeIndex(first, 6, -1), Y.createRelativePositionFromTypeIndex(first, 11, -1))!;
    first.insert(6, 'new ');
    const range = resolveAnchor(doc, anchor);
    expect(typeof range !== 'string' && rangeText(range)).toBe('words');
    expect(anchorFromPositions(doc, Y.createRelativePositionFromTypeIndex(first, 0, -1), Y.createRelativePositionFromTypeIndex(second, 2, -1))).toBeNull();
    const across = { start: anchor.start, end: textRangeAnchor(second, 0, 3).end };
    expect(resolveAnchor(doc, across)).toBe('spans_blocks');
    // Comments may span blocks: their quote joins the blocks' texts with line breaks.
    expect(anchorQuote(doc, across, { acrossBlocks: false })).toEqual({ problem: 'spans_blocks' });
    expect(anchorQuote(doc, across, { acrossBlocks: true })).toEqual({ quote: 'words\nsec' });
  });
});
