import { z } from 'zod';

/**
 * `GET /api/audit`: the newest entries first, `limit` of them; `before` (an entry's id) pages on
 * to older ones. `action`: one action (`minutes.restore`) or, without a dot, its family
 * (`amendment`: every `amendment.*`); `target`: what the entries are about (a meeting's, user's
 * or item's id, an email for sign-in failures).
 */
export const AuditQuery = z
  .object({
    // Ids are Postgres bigints: 18 digits stay inside them and are far more than any log holds.
    before: z.string().regex(/^[1-9]\d{0,17}$/, 'an entry id').optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    action: z.string().regex(/^[a-z_]{1,60}(\.[a-z_]{1,60})?$/, 'an action (`amendment.accept`) or a family of them (`amendment`)').optional(),
    target: z.string().min(1).max(320).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditEntryDto {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}
