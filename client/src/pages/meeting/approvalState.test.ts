import { describe, expect, it } from 'vitest';
import type { CirculationDto } from '../../../../shared/api/versions.js';
import { approverActions, sideState } from './approvalState.js';
import { sidesWithoutDelegation } from './detailsDraft.js';

const VERSION = { id: 'v1', number: 1, label: '', kind: 'circulated' as const, createdAt: '2026-11-30T09:00:00.000Z', createdBy: null, sha256: 'ab'.repeat(32) };
const approval = (side: string, userId: string, name: string) => ({ side, userId, name, versionId: 'v1', sha256: VERSION.sha256, at: '2026-11-30T10:00:00.000Z' });

function circulation(over: Partial<CirculationDto> = {}): CirculationDto {
  return {
    version: VERSION,
    stale: false,
    sides: [
      { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait', approvals: [approval('kw', 'u-kw', 'فهد')] },
      { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom', approvals: [] },
    ],
    mySides: ['uk'],
    ...over,
  };
}

describe('approval panel state', () => {
  it('says per side: waiting, approved by whom, or stale once the text changed after circulation', () => {
    const c = circulation();
    expect(sideState(c.sides[0]!, false, 'circulated')).toEqual({ state: 'approved', by: 'فهد', at: '2026-11-30T10:00:00.000Z' });
    expect(sideState(c.sides[1]!, false, 'circulated')).toEqual({ state: 'waiting' });
    expect(sideState(c.sides[0]!, true, 'circulated').state).toBe('stale');
    // Approved minutes are locked: their approvals cannot go stale.
    expect(sideState(c.sides[0]!, true, 'approved').state).toBe('approved');
  });

  it('offers "approve" to an approver who has not approved a circulated, current version, and "withdraw" to one who has', () => {
    expect(approverActions(circulation(), 'circulated', 'u-uk')).toEqual({ approve: true, withdraw: false });
    expect(approverActions(circulation(), 'circulated', 'u-kw')).toEqual({ approve: false, withdraw: true });
    expect(approverActions(circulation({ stale: true }), 'circulated', 'u-uk').approve).toBe(false);
    expect(approverActions(circulation({ mySides: [] }), 'circulated', 'u-uk').approve).toBe(false);
    expect(approverActions(circulation(), 'draft', 'u-uk')).toEqual({ approve: false, withdraw: false });
    expect(approverActions(circulation(), 'approved', 'u-kw')).toEqual({ approve: false, withdraw: false });
  });

  it('offers the sides that have no delegation yet, matched by either name', () => {
    const sides = circulation().sides;
    expect(sidesWithoutDelegation(sides, [{ name: 'Kuwait' }]).map((s) => s.key)).toEqual(['uk']);
    expect(sidesWithoutDelegation(sides, [{ name: ' المملكة المتحدة ' }, { name: 'الكويت' }])).toEqual([]);
  });
});
