import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { extractActionItems } from '../../../shared/editor/actionItems.js';
import { actionItemsOfDoc, renewActionItemIds, setActionItemStatusInDoc } from './actionItemNodes.js';
import { initialMinutesUpdate } from './initialState.js';
import { minutesJSON } from './readMinutes.js';

const ID1 = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';

function docOf(content: object[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialMinutesUpdate({ type: 'doc', content }));
  return doc;
}

describe('action items read from the Y document', () => {
  it('equal what the shared schema reads, for nested, formatted and duplicated items', () => {
    const doc = docOf([
      { type: 'paragraph', content: [{ type: 'text', text: 'مقدمة' }] },
      {
        type: 'actionItem',
        attrs: { id: ID1, owner: ' الكويت ', due: '2027-03-01', status: 'in_progress' },
        content: [{ type: 'text', text: 'إعداد ' }, { type: 'text', text: 'خطة', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'التدريب' }],
      },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'بند' }] }, { type: 'actionItem', attrs: { id: ID2, owner: 'Sarah Jones', ownerUserId: '33333333-3333-4333-8333-333333333333', due: '', status: 'open' }, content: [{ type: 'text', text: 'Share the plan' }] }] }] },
      { type: 'actionItem', attrs: { id: ID1, owner: 'copy', due: '', status: 'open' }, content: [{ type: 'text', text: 'split copy' }] },
      { type: 'actionItem', attrs: { id: null }, content: [{ type: 'text', text: 'no id yet' }] },
    ]);
    const fromY = actionItemsOfDoc(doc);
    expect(fromY).toEqual(extractActionItems(minutesJSON(doc)));
    expect(fromY).toEqual([
      { id: ID1, position: 0, text: 'إعداد خطة\nالتدريب', owner: 'الكويت', ownerUserId: null, due: '2027-03-01', status: 'in_progress' },
      { id: ID2, position: 1, text: 'Share the plan', owner: 'Sarah Jones', ownerUserId: '33333333-3333-4333-8333-333333333333', due: '', status: 'open' },
    ]);
  });

  it('read odd attribute values (the schema refuses them; defence in depth) as defaults, and skip items without an id', () => {
    const doc = docOf([
      { type: 'actionItem', attrs: { id: ID1, owner: 'UK', due: '2027-03-01', status: 'done' }, content: [{ type: 'text', text: 'first' }] },
      { type: 'actionItem', attrs: { id: ID2 }, content: [{ type: 'text', text: 'second' }] },
    ]);
    const [first, second] = doc.getXmlFragment('default').toArray() as Y.XmlElement[];
    first!.setAttribute('due', '2027-02-30');
    first!.setAttribute('status', 'later');
    second!.setAttribute('id', 'not-a-uuid');
    expect(actionItemsOfDoc(doc)).toEqual([{ id: ID1, position: 0, text: 'first', owner: 'UK', ownerUserId: null, due: '', status: 'open' }]);
  });

  it('see a status written by the server', () => {
    const doc = docOf([{ type: 'actionItem', attrs: { id: ID1, owner: '', due: '', status: 'open' }, content: [{ type: 'text', text: 'x' }] }]);
    expect(setActionItemStatusInDoc(doc, ID1, 'done')).toEqual({ from: 'open' });
    expect(setActionItemStatusInDoc(doc, ID2, 'done')).toBeNull();
    expect(actionItemsOfDoc(doc)[0]!.status).toBe('done');
  });

  it('give a fresh id to items without one of their own: none, a repeat, or another meeting\'s; the first of two copies keeps its id', () => {
    const ID3 = '33333333-3333-4333-8333-333333333333';
    const doc = docOf([
      { type: 'actionItem', attrs: { id: ID1 }, content: [{ type: 'text', text: 'first' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'actionItem', attrs: { id: ID1.toUpperCase() }, content: [{ type: 'text', text: 'copy' }] }] }] },
      { type: 'actionItem', attrs: { id: null }, content: [{ type: 'text', text: 'none' }] },
      { type: 'actionItem', attrs: { id: ID2 }, content: [{ type: 'text', text: 'pasted' }] },
      { type: 'actionItem', attrs: { id: ID3 }, content: [{ type: 'text', text: 'own' }] },
    ]);
    let n = 0;
    const renewed = renewActionItemIds(doc, new Set([ID2]), () => `aaaaaaaa-aaaa-4aaa-8aaa-00000000000${++n}`);
    expect(renewed).toEqual([
      { from: ID1.toUpperCase(), to: 'aaaaaaaa-aaaa-4aaa-8aaa-000000000001' },
      { from: null, to: 'aaaaaaaa-aaaa-4aaa-8aaa-000000000002' },
      { from: ID2, to: 'aaaaaaaa-aaaa-4aaa-8aaa-000000000003' },
    ]);
    expect(actionItemsOfDoc(doc).map((i) => [i.text, i.id])).toEqual([
      ['first', ID1],
      ['copy', 'aaaaaaaa-aaaa-4aaa-8aaa-000000000001'],
      ['none', 'aaaaaaaa-aaaa-4aaa-8aaa-000000000002'],
      ['pasted', 'aaaaaaaa-aaaa-4aaa-8aaa-000000000003'],
      ['own', ID3],
    ]);
    expect(renewActionItemIds(doc, new Set([ID2]))).toEqual([]);
  });
});
