import type { ApprovalDto } from '../../../shared/api/versions.js';
import type { ApiClient } from './apiClient.js';

export const SIDES = [
  { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' },
  { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom' },
];

/** A group with two sides and a meeting: a secretary, a delegate, and approvers (two for Kuwait, one for the UK). */
export async function steeringGroup(admin: ApiClient, meetingFields: Record<string, unknown> = {}) {
  const group = await admin.ok<{ id: string }>('POST', '/api/groups', { nameAr: 'اللجنة التوجيهية', nameEn: 'Steering group', sides: SIDES });
  const meeting = await admin.createMeeting(group.id, meetingFields);
  const secretary = await admin.addMember(group.id, 'secretary', 'Secretariat');
  const delegate = await admin.addMember(group.id, 'delegate', 'Delegate');
  const approver = async (name: string, side: string) => {
    const m = await admin.addMember(group.id, 'delegate', name);
    await admin.ok('PUT', `/api/groups/${group.id}/members/${m.userId}`, { role: 'delegate', side, approver: true });
    return m;
  };
  const kuwait = await approver('Sheikh Ahmad', 'kw');
  const kuwait2 = await approver('Fahad', 'kw');
  const britain = await approver('Sir John', 'uk');
  return { group, meeting, secretary, delegate, kuwait, kuwait2, britain };
}

export const approve = (client: ApiClient, meetingId: string, versionId: string) =>
  client.request<ApprovalDto>('POST', `/api/meetings/${meetingId}/approvals`, { versionId });
