import { describe, expect, it } from 'vitest';
import * as shared from '../../../shared/editor/nodes/actionItem.js';
import { ACTION_ITEM_STATUSES, isActionItemStatus, isIsoDate } from './actionItemStatus.js';

describe('client copy of the action-item statuses', () => {
  it('is the shared list, in the same order', () => {
    expect(ACTION_ITEM_STATUSES).toEqual(shared.ACTION_ITEM_STATUSES);
  });

  it('checks statuses and dates as the shared node does', () => {
    for (const value of ['open', 'done', 'later', '', 3]) expect(isActionItemStatus(value)).toBe(shared.isActionItemStatus(value));
    for (const value of ['2027-02-28', '2027-02-30', '28/02/2027', '']) expect(isIsoDate(value)).toBe(shared.isIsoDate(value));
  });
});
