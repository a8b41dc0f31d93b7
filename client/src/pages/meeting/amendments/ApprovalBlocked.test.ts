import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/http.js';
import type { MessageKey } from '../../../i18n/ar.js';
import { en } from '../../../i18n/en.js';
import { format, type Params } from '../../../i18n/i18n.js';
import { approvalRefusal } from './ApprovalBlocked.js';

const t = (key: MessageKey, params?: Params) => format(en[key], params);

describe('a refused approval', () => {
  it('says how many amendments are open when that is why (409 amendments_open {count})', () => {
    const error = new ApiError(409, 'amendments_open', '3 amendments are open', [], undefined, { count: 3 });
    expect(approvalRefusal(error, t)).toBe('The minutes cannot be approved until the 3 open amendment(s) are decided.');
  });

  it('keeps the other refusals as they were', () => {
    const stale = new ApiError(409, 'conflict', 'stale version');
    expect(approvalRefusal(stale, t, { 409: 'approval.conflict' })).toContain(en['approval.conflict']);
    expect(approvalRefusal(new ApiError(403, 'forbidden', 'no'), t)).toBe(en['error.forbidden']);
  });
});
