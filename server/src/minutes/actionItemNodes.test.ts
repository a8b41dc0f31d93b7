import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { extractActionItems } from '../../../shared/editor/actionItems.js';
import { actionItemsOfDoc, setActionItemStatusInDoc } from './actionItemNodes.js';
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
  it('equal what the shared schema reads, for nested, formatted, duplicated and odd items', () => {
    const doc = docOf([
      { type: 'paragraph', content: [{ type: 'text', text: 'مقدمة' }] },
      {
        type: 'actionItem',
        attrs: { id: ID1, owner: ' الكويت ', due: '2027-03-01', status: 'in_progress' },
        content: [{ type: 'text', text: 'إعداد ' }, { type: 'text', text: 'خطة', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'التدريب' }],
      },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'بند' }] }, { type: 'actionItem', attrs: { id: ID2, owner: 'UK MoD', due: '2027-02-30', status: 'later' }, content: [{ type: 'text', text: 'Share the plan' }] }] }] },
      { type: 'actionItem', attrs: { id: ID1, owner: 'copy', due: '', status: 'open' }, content: [{ type: 'text', text: 'split copy' }] },
      { type: 'actionItem', attrs: { id: 'not-a-uuid' }, content: [{ type: 'text', text: 'no id' }] },
    ]);
    const fromY = actionItemsOfDoc(doc);
    expect(fromY).toEqual(extractActionItems(minutesJSON(doc)));
    expect(fromY).toEqual([
      { id: ID1, position: 0, text: 'إعداد خطة\nالتدريب', owner: 'الكويت', due: '2027-03-01', status: 'in_progress' },
      { id: ID2, position: 1, text: 'Share the plan', owner: 'UK MoD', due: '', status: 'open' },
    ]);
  });

  it('see a status written by the server', () => {
    const doc = docOf([{ type: 'actionItem', attrs: { id: ID1, owner: '', due: '', status: 'open' }, content: [{ type: 'text', text: 'x' }] }]);
    expect(setActionItemStatusInDoc(doc, ID1, 'done')).toBe(true);
    expect(setActionItemStatusInDoc(doc, ID2, 'done')).toBe(false);
    expect(actionItemsOfDoc(doc)[0]!.status).toBe('done');
  });
});
