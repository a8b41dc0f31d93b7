import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { misorder } from './misorder.testing.js';
import { readsAsSaved } from './readsAsSaved.js';

function minutes(): { doc: Y.Doc; text: Y.XmlText } {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  // Two inserts at different places: two items, not one run.
  text.insert(0, 'قرر الفريق');
  text.insert(0, 'Agreed: ');
  return { doc, text };
}

describe('readsAsSaved', () => {
  it('is true for minutes edited, formatted and undone as Yjs keeps them', () => {
    const { doc, text } = minutes();
    const undo = new Y.UndoManager(doc.getXmlFragment('default'), { captureTimeout: 0 });
    text.insert(text.length, ' متابعة');
    text.format(0, 6, { bold: {} });
    undo.undo();
    undo.redo();
    expect(text.toString()).toBe('<bold>Agreed</bold>: قرر الفريق متابعة');
    expect(readsAsSaved(doc, 'default')).toBe(true);
  });

  it('is false when the text in memory is in another order than the saved form', () => {
    const { doc, text } = minutes();
    misorder(text);
    expect(text.toString()).toBe('قرر الفريقAgreed: ');
    expect(readsAsSaved(doc, 'default')).toBe(false);
  });
});
