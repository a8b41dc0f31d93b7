import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MAX_NESTING_DEPTH } from '../../../shared/editor/limits.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';

/**
 * Edits a hostile (or broken) client can make to its copy of the minutes with the public Yjs API
 * or a hand-written struct: well-formed Yjs, not a document of the shared schema. Each one is
 * applied to a Y.Doc that holds `baseMinutes()`; the update it emits is what such a client sends.
 * Used by the validation's unit tests, the collab endpoint's tests and the fuzz corpus.
 */
export interface HostileEdit {
  name: string;
  /** What the refusal must say (a part of the close reason). */
  says: string;
  edit(doc: Y.Doc): void;
}

/** The document the edits expect: one block of each kind, as the editor writes them. */
export const baseMinutes = (actionItemId = '0b7a4f1e-58c3-4d8e-9a43-3c1f2e6d9a10') => ({
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'الحضور' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'نص ' }, { type: 'text', text: 'عريض', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'و سطر' }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'بند' }] }] }] },
    { type: 'actionItem', attrs: { id: actionItemId, owner: 'الكويت', due: '2027-03-01', status: 'open' }, content: [{ type: 'text', text: 'إعداد الخطة' }] },
  ],
});

const fragment = (doc: Y.Doc) => doc.getXmlFragment(MINUTES_FRAGMENT);
const block = (doc: Y.Doc, index: number) => fragment(doc).get(index) as Y.XmlElement;
const heading = (doc: Y.Doc) => block(doc, 0);
const paragraph = (doc: Y.Doc) => block(doc, 1);
const paragraphText = (doc: Y.Doc) => paragraph(doc).get(0) as Y.XmlText;
const hardBreak = (doc: Y.Doc) => paragraph(doc).get(1) as Y.XmlElement;
const bulletList = (doc: Y.Doc) => block(doc, 2);
const actionItem = (doc: Y.Doc) => block(doc, 3);
/** An attendance block holding text (it holds nothing: its content comes from the meeting's details). */
const attendanceWithText = () => {
  const element = new Y.XmlElement('attendance');
  element.insert(0, [new Y.XmlText('الكويت')]);
  return element;
};

/**
 * Writes one item with any content at the end of the doc's own clock, as a raw update, and
 * applies it: for content the public API no longer makes (JSON) or puts where it would not.
 */
export function craftItem(doc: Y.Doc, at: { parent: string | Y.ID; parentSub?: string; origin?: Y.ID }, content: Y.Item['content']): void {
  // A client id of its own: Yjs would take the doc's own id in a remote update for a clash.
  const client = doc.clientID ^ 1;
  const clock = Y.getState(doc.store, client);
  const item = new Y.Item(Y.createID(client, clock), null, at.origin ?? null, null, null, at.origin ? null : (at.parent as never), at.origin ? null : (at.parentSub ?? null), content);
  // An update as Yjs writes one: one client with one struct, then an empty delete set.
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, clock);
  item.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0);
  Y.applyUpdate(doc, encoder.toUint8Array());
}

/**
 * `depth` elements nested in one another, in one transaction (one update): list levels, ending
 * in a paragraph (and a hard break in it when `depth` is even) unless `onlyLists`.
 */
export function nestLists(doc: Y.Doc, depth: number, onlyLists = false): void {
  const names: string[] = Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? 'bulletList' : 'listItem'));
  if (!onlyLists && depth % 2 === 1) names[depth - 1] = 'paragraph';
  if (!onlyLists && depth % 2 === 0) names.splice(depth - 2, 2, 'paragraph', 'hardBreak');
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = fragment(doc);
    for (const name of names) {
      const element = new Y.XmlElement(name);
      parent.insert(parent.length, [element]);
      parent = element;
    }
  });
}

const itemId = (type: Y.AbstractType<any>) => type._item!.id;

export const HOSTILE_EDITS: HostileEdit[] = [
  // Non-node content directly in the `default` fragment.
  { name: 'a string in the document', says: 'text directly in the document', edit: (d) => craftItem(d, { parent: MINUTES_FRAGMENT }, new Y.ContentString('evil')) },
  { name: 'a value in the document', says: 'a value directly in the document', edit: (d) => fragment(d).insert(1, ['evil' as never]) },
  { name: 'JSON in the document', says: 'JSON directly in the document', edit: (d) => craftItem(d, { parent: MINUTES_FRAGMENT }, new Y.ContentJSON([{ a: 1 }])) },
  { name: 'binary in the document', says: 'binary data directly in the document', edit: (d) => fragment(d).insert(0, [new Uint8Array([1, 2, 3]) as never]) },
  { name: 'an embed in the document', says: 'an embed directly in the document', edit: (d) => craftItem(d, { parent: MINUTES_FRAGMENT }, new Y.ContentEmbed({ src: 'x' })) },
  { name: 'a format in the document', says: 'formatting directly in the document', edit: (d) => craftItem(d, { parent: MINUTES_FRAGMENT }, new Y.ContentFormat('bold', {})) },
  { name: 'a subdocument in the document', says: 'a subdocument directly in the document', edit: (d) => fragment(d).insert(0, [new Y.Doc() as never]) },
  { name: 'a text in the document', says: 'text directly in the document', edit: (d) => fragment(d).insert(4, [new Y.XmlText('loose')]) },
  { name: 'a map in the document', says: 'a map in the document', edit: (d) => craftItem(d, { parent: MINUTES_FRAGMENT }, new Y.ContentType(new Y.Map())) },
  { name: 'an attribute on the document', says: 'an attribute on the document', edit: (d) => craftItem(d, { parent: MINUTES_FRAGMENT, parentSub: 'dir' }, new Y.ContentAny(['rtl'])) },
  { name: 'a string after a block (placed by its left neighbour)', says: 'a value directly in the document', edit: (d) => fragment(d).insert(2, ['evil' as never]) },
  // Other root types.
  { name: 'a map root', says: "root type 'meta' is not part of the minutes", edit: (d) => d.getMap('meta').set('x', 1) },
  { name: 'a text root', says: "root type 'notes' is not part of the minutes", edit: (d) => d.getText('notes').insert(0, 'x') },
  { name: 'an array root', says: "root type 'list' is not part of the minutes", edit: (d) => d.getArray('list').push([1]) },
  // Elements.
  { name: 'an unknown element', says: "element 'script' is not a node of the minutes", edit: (d) => fragment(d).insert(0, [new Y.XmlElement('script')]) },
  { name: 'a nested document node', says: "element 'doc' is not a node of the minutes", edit: (d) => fragment(d).insert(0, [new Y.XmlElement('doc')]) },
  { name: 'a text node as an element', says: "element 'text' is not a node of the minutes", edit: (d) => paragraph(d).insert(0, [new Y.XmlElement('text')]) },
  { name: 'a list item outside a list', says: "'listItem' is not allowed in the document", edit: (d) => fragment(d).insert(0, [new Y.XmlElement('listItem')]) },
  { name: 'a paragraph inside a paragraph', says: "'paragraph' is not allowed in 'paragraph'", edit: (d) => paragraph(d).insert(0, [new Y.XmlElement('paragraph')]) },
  { name: 'a child of a hard break', says: "'hardBreak' is not allowed in 'hardBreak'", edit: (d) => hardBreak(d).insert(0, [new Y.XmlElement('hardBreak')]) },
  { name: 'text directly in a list', says: "text directly in 'bulletList'", edit: (d) => bulletList(d).insert(0, [new Y.XmlText('x')]) },
  { name: 'a map inside a paragraph', says: "a map in 'paragraph'", edit: (d) => craftItem(d, { parent: itemId(paragraph(d)) }, new Y.ContentType(new Y.Map())) },
  { name: 'an XML hook inside a paragraph', says: "an XML hook in 'paragraph'", edit: (d) => paragraph(d).insert(0, [new Y.XmlHook('evil') as never]) },
  { name: '10,000 levels deep', says: `nested deeper than ${MAX_NESTING_DEPTH} levels`, edit: (d) => nestLists(d, 10_000, true) },
  { name: 'one level too deep', says: `nested deeper than ${MAX_NESTING_DEPTH} levels`, edit: (d) => nestLists(d, MAX_NESTING_DEPTH + 1) },
  // Inside text.
  { name: 'an embed in text', says: "an embed inside the text of 'paragraph'", edit: (d) => paragraphText(d).insertEmbed(1, { image: 'x' }) },
  { name: 'an element embedded in text', says: "element 'paragraph' inside the text of 'paragraph'", edit: (d) => paragraphText(d).insertEmbed(1, new Y.XmlElement('paragraph')) },
  { name: 'an unknown mark', says: "'script' is not a mark of the minutes", edit: (d) => paragraphText(d).format(0, 2, { script: {} }) },
  { name: 'a mark with an attribute it has not', says: "mark 'bold' has no attribute 'href'", edit: (d) => paragraphText(d).format(0, 2, { bold: { href: 'javascript:x' } }) },
  { name: 'a mark whose value is not its attributes', says: "mark 'bold' with a value that is not its attributes", edit: (d) => paragraphText(d).format(0, 2, { bold: 'yes' }) },
  { name: 'an attribute on text', says: "an attribute on text ('x')", edit: (d) => paragraphText(d).setAttribute('x', 'y') },
  // Attributes.
  { name: 'an unknown attribute', says: "'actionItem' has no attribute 'onclick'", edit: (d) => actionItem(d).setAttribute('onclick', 'alert(1)') },
  { name: 'heading level 99', says: "attribute 'level' of 'heading': expected one of 1, 2, 3, 4, 5, 6, got 99", edit: (d) => heading(d).setAttribute('level', 99 as never) },
  { name: 'heading level as a string', says: "attribute 'level' of 'heading'", edit: (d) => heading(d).setAttribute('level', '2') },
  { name: 'a direction that is none', says: "attribute 'dir' of 'paragraph': expected one of ltr, rtl, auto, got 'sideways'", edit: (d) => paragraph(d).setAttribute('dir', 'sideways') },
  { name: "action item status 'x'", says: "attribute 'status' of 'actionItem': expected one of open, in_progress, done, cancelled, got 'x'", edit: (d) => actionItem(d).setAttribute('status', 'x') },
  { name: 'a due date that is not ISO', says: "attribute 'due' of 'actionItem': expected a date YYYY-MM-DD or empty", edit: (d) => actionItem(d).setAttribute('due', '31/12/2027') },
  { name: 'a due date that does not exist', says: "attribute 'due' of 'actionItem'", edit: (d) => actionItem(d).setAttribute('due', '2027-02-30') },
  { name: 'an action item id that is no uuid', says: "attribute 'id' of 'actionItem': expected a uuid or null", edit: (d) => actionItem(d).setAttribute('id', '1 OR 1=1') },
  { name: 'an owner that is a number', says: "attribute 'owner' of 'actionItem': expected a string", edit: (d) => actionItem(d).setAttribute('owner', 42 as never) },
  { name: 'an owner account that is no uuid', says: "attribute 'ownerUserId' of 'actionItem': expected a uuid or null", edit: (d) => actionItem(d).setAttribute('ownerUserId', 'admin') },
  { name: 'text inside the attendance block', says: "text directly in 'attendance'", edit: (d) => d.getXmlFragment('default').push([attendanceWithText()]) },
  { name: 'an attribute that is an object', says: "attribute 'owner' of 'actionItem': expected a plain value, got an object", edit: (d) => actionItem(d).setAttribute('owner', { toString: 'x' } as never) },
  { name: 'an attribute that is binary', says: "attribute 'owner' of 'actionItem' holds binary data", edit: (d) => actionItem(d).setAttribute('owner', new Uint8Array([1]) as never) },
  { name: 'an attribute that is an element', says: "attribute 'owner' of 'actionItem' holds element 'paragraph'", edit: (d) => actionItem(d).setAttribute('owner', new Y.XmlElement('paragraph') as never) },
  { name: 'a list start that is a word', says: "attribute 'start' of 'orderedList': expected a number", edit: (d) => {
    const list = new Y.XmlElement('orderedList');
    list.setAttribute('start', 'one');
    fragment(d).push([list]);
  } },
];

/** Edits of the same shapes that ARE minutes: the validation must let every one through. */
export const VALID_EDITS: { name: string; edit(doc: Y.Doc): void }[] = [
  { name: 'typing', edit: (d) => paragraphText(d).insert(2, 'كلمة') },
  { name: 'typing in bold', edit: (d) => paragraphText(d).insert(0, 'bold', { bold: {} }) },
  { name: 'formatting a range', edit: (d) => paragraphText(d).format(0, 3, { italic: {}, underline: {} }) },
  { name: 'removing a mark', edit: (d) => paragraphText(d).format(0, 10, { bold: null }) },
  { name: 'deleting text', edit: (d) => paragraphText(d).delete(0, 2) },
  { name: 'every heading level', edit: (d) => {
    for (const level of [1, 2, 3, 4, 5, 6]) {
      const h = new Y.XmlElement('heading');
      h.setAttribute('level', level as never);
      h.insert(0, [new Y.XmlText(`H${level}`)]);
      fragment(d).push([h]);
    }
  } },
  { name: 'directions', edit: (d) => {
    paragraph(d).setAttribute('dir', 'ltr');
    heading(d).setAttribute('dir', 'rtl');
    bulletList(d).setAttribute('dir', 'auto');
  } },
  { name: 'removing an attribute', edit: (d) => paragraph(d).removeAttribute('dir') },
  { name: 'action item attributes', edit: (d) => {
    actionItem(d).setAttribute('status', 'in_progress');
    actionItem(d).setAttribute('due', '');
    actionItem(d).setAttribute('owner', 'UK MoD');
  } },
  { name: 'an ordered list with start and type', edit: (d) => {
    const list = new Y.XmlElement('orderedList');
    list.setAttribute('start', 3 as never);
    list.setAttribute('type', 'a');
    const item = new Y.XmlElement('listItem');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('ثالثا')]);
    item.insert(0, [p]);
    list.insert(0, [item]);
    fragment(d).push([list]);
  } },
  { name: 'a hard break', edit: (d) => paragraph(d).insert(2, [new Y.XmlElement('hardBreak')]) },
  { name: 'lists nested to the limit', edit: (d) => nestLists(d, MAX_NESTING_DEPTH) },
  { name: 'deleting every block', edit: (d) => fragment(d).delete(0, fragment(d).length) },
  { name: 'a paste of 2,000 paragraphs', edit: (d) => d.transact(() => {
    for (let i = 0; i < 2000; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`فقرة ${i} paragraph ${i}`)]);
      fragment(d).push([p]);
    }
  }) },
];
