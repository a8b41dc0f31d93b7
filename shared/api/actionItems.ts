import { z } from 'zod';
import type { DigitPolicy } from '../domain.js';
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from '../editor/actionItemAttrs.js';
import { isUuid } from '../ids.js';
import { isoDate } from './fields.js';
import type { MeetingStatus } from './meetings.js';

const id = z.string().refine(isUuid, 'expected an id');

/** Query of `GET /api/action-items` (and `.csv`). `status` may list several, comma-separated. */
export const ActionItemQuery = z
  .object({
    groupId: id.optional(),
    meetingId: id.optional(),
    owner: z.string().trim().max(200).optional(),
    status: z
      .string()
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(z.enum(ACTION_ITEM_STATUSES)))
      .optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    dueFrom: isoDate.optional(),
    dueTo: isoDate.optional(),
  })
  .strict();
export type ActionItemQuery = z.infer<typeof ActionItemQuery>;

export const PatchActionItemBody = z.object({ status: z.enum(ACTION_ITEM_STATUSES) }).strict();

export interface ActionItemDto {
  id: string;
  meetingId: string;
  groupId: string;
  text: string;
  owner: string;
  /** The owner's account when the owner is a member of the group (`ownerUserId` of the node), else null. */
  ownerUserId: string | null;
  /** `YYYY-MM-DD` or ''. */
  due: string;
  status: ActionItemStatus;
  updatedAt: string;
  /** Open or in progress with a due date before today in the meeting's time zone. */
  overdue: boolean;
  /** `approved` minutes are locked: the tracker is then the record of the item's status. */
  meetingStatus: MeetingStatus;
  meetingTitleAr: string;
  meetingTitleEn: string;
  meetingStartsAt: string;
  groupNameAr: string;
  groupNameEn: string;
  /** The group's `digits`: its items' dates are written so in Arabic on every page, as in its minutes. */
  groupDigits: DigitPolicy;
}
