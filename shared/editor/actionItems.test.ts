import { describe, expect, it } from 'vitest';
import { extractActionItems } from './actionItems.js';

const ID1 = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';
const USER = 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA';

describe('extractActionItems', () => {
  it('reads every action item in document order, nested ones too, with their text and attributes', () => {
    const items = extractActionItems({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'مقدمة' }] },
        { type: 'actionItem', attrs: { id: ID1, owner: 'الكويت', due: '2027-03-01', status: 'in_progress' }, content: [{ type: 'text', text: 'إعداد ' }, { type: 'text', text: 'خطة التدريب', marks: [{ type: 'bold' }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'actionItem', attrs: { id: ID2, owner: 'Sarah Jones', ownerUserId: USER, due: '', status: 'open' }, content: [{ type: 'text', text: 'Share the exercise plan' }] }] }] },
      ],
    });
    expect(items).toEqual([
      { id: ID1, position: 0, text: 'إعداد خطة التدريب', owner: 'الكويت', ownerUserId: null, due: '2027-03-01', status: 'in_progress' },
      { id: ID2, position: 1, text: 'Share the exercise plan', owner: 'Sarah Jones', ownerUserId: USER.toLowerCase(), due: '', status: 'open' },
    ]);
  });

  it('skips items without a valid id and repeats of an id; reads bad values as defaults', () => {
    const items = extractActionItems({
      type: 'doc',
      content: [
        { type: 'actionItem', attrs: { id: null }, content: [{ type: 'text', text: 'no id' }] },
        { type: 'actionItem', attrs: { id: ID1, due: '2027-02-30', status: 'later', ownerUserId: 'not-an-id' }, content: [{ type: 'text', text: 'first' }] },
        { type: 'actionItem', attrs: { id: ID1, due: '2027-02-01' }, content: [{ type: 'text', text: 'split copy' }] },
      ],
    });
    expect(items).toEqual([{ id: ID1, position: 0, text: 'first', owner: '', ownerUserId: null, due: '', status: 'open' }]);
  });
});
