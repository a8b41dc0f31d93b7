import type { CirculationDto } from '../../../../shared/api/versions.js';
import type { MeetingStatus } from '../../../../shared/domain.js';

export type SideState = { state: 'waiting' } | { state: 'approved' | 'stale'; by: string; at: string };

/** Where one side stands: its first approval of the circulated version, stale once the text moved on (until approved). */
export function sideState(side: CirculationDto['sides'][number], stale: boolean, status: MeetingStatus): SideState {
  const first = side.approvals[0];
  if (!first) return { state: 'waiting' };
  return { state: stale && status !== 'approved' ? 'stale' : 'approved', by: side.approvals.map((a) => a.name).join('، '), at: first.at };
}

/** What the caller may do: approve the circulated version for their side, or withdraw their approval. */
export function approverActions(c: CirculationDto, status: MeetingStatus, userId: string): { approve: boolean; withdraw: boolean } {
  const mine = c.sides.some((s) => s.approvals.some((a) => a.userId === userId));
  const open = status === 'circulated' && c.version !== null;
  return { approve: open && !c.stale && c.mySides.length > 0 && !mine, withdraw: open && mine };
}
