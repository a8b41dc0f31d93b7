import { describe, expect, it } from 'vitest';
import type { VersionDto } from '../../../shared/api/versions.js';
import { normalize, pdfText } from '../export/pdf/fixtures/pdfTools.js';
import { useTestServer } from '../test/testServer.js';

const t = useTestServer();

async function pdfOf(path: string): Promise<string> {
  const res = await fetch(`${t.url}${path}`, { headers: { cookie: t.admin.cookie! } });
  expect(res.status).toBe(200);
  return normalize(await pdfText(new Uint8Array(await res.arrayBuffer())));
}

describe('the attendance of approved minutes', () => {
  it('cannot be rewritten after approval: the approved version keeps printing who attended', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id, {
      language: 'en',
      delegations: [{ name: 'Kuwait', attendees: [{ name: 'Alice Attended', title: 'Head', role: '' }] }],
    });
    const secretary = (await t.admin.addMember(group.id, 'secretary', 'Secretary')).client;
    await secretary.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' });
    const approved = (await secretary.ok<VersionDto[]>('GET', `/api/meetings/${meeting.id}/versions`)).find((v) => v.kind === 'approved')!;
    expect(await pdfOf(`/api/meetings/${meeting.id}/versions/${approved.id}/minutes.pdf`)).toContain(normalize('Alice Attended'));

    // Approved minutes are read-only for everyone, their details too: 423 until reopened.
    const rewrite = { delegations: [{ name: 'Kuwait', attendees: [{ name: 'Mallory Never', title: 'Head', role: '' }] }] };
    const patched = await secretary.request('PATCH', `/api/meetings/${meeting.id}`, rewrite);
    expect(patched.status).toBe(423);
    expect(patched.body).toMatchObject({ error: { code: 'minutes_locked' } });
    const approvedPdf = await pdfOf(`/api/meetings/${meeting.id}/versions/${approved.id}/minutes.pdf`);
    expect(approvedPdf, `PATCH answered ${patched.status}`).toContain(normalize('Alice Attended'));
    expect(approvedPdf).not.toContain(normalize('Mallory Never'));

    // Nor does renaming the group: the approved record keeps the name it was approved under.
    const { nameEn } = (await t.admin.ok<{ id: string; nameEn: string }[]>('GET', '/api/groups')).find((g) => g.id === group.id)!;
    await t.admin.ok('PATCH', `/api/groups/${group.id}`, { nameEn: 'Renamed afterwards' });
    for (const path of [`/api/meetings/${meeting.id}/versions/${approved.id}/minutes.pdf`, `/api/meetings/${meeting.id}/minutes.pdf`]) {
      const text = await pdfOf(path);
      expect(text).toContain(normalize(nameEn));
      expect(text).not.toContain(normalize('Renamed afterwards'));
    }
  });

  it('can be corrected by reopening them, in the same request or before', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id, { language: 'en' });
    const secretary = (await t.admin.addMember(group.id, 'secretary', 'Secretary')).client;
    await secretary.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' });
    const reopened = await secretary.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'draft', titleEn: 'Corrected title' });
    expect(reopened).toMatchObject({ status: 'draft', titleEn: 'Corrected title' });
  });
});
