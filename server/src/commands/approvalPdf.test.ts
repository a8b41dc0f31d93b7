import { describe, expect, it } from 'vitest';
import type { VersionDto } from '../../../shared/api/versions.js';
import { normalize, pdfText } from '../export/pdf/fixtures/pdfTools.js';
import type { ApiClient } from '../test/apiClient.js';
import { approve, SIDES, steeringGroup } from '../test/steeringGroup.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

async function pdfOf(client: ApiClient, path: string): Promise<string> {
  const res = await fetch(`${t.url}${path}`, { headers: { cookie: client.cookie! } });
  expect(res.status).toBe(200);
  return normalize(await pdfText(new Uint8Array(await res.arrayBuffer())));
}

/** The file name a browser saves the export under (the ASCII one, for the version suffix). */
async function fileNameOf(client: ApiClient, path: string): Promise<string> {
  const res = await fetch(`${t.url}${path}`, { headers: { cookie: client.cookie! } });
  await res.arrayBuffer();
  return /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
}

describe('PDF of the agreed record', () => {
  it('an approved version ends with each side, its approver, the time and the hash; a circulated one says it is not approved', async () => {
    const g = await steeringGroup(t.admin, { language: 'ar', timeZone: 'Asia/Kuwait' });
    const id = g.meeting.id;
    const editor = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'اتفق الجانبان على خطة التدريب المشترك.');
    await editor.whenSaved();
    editor.destroy();
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const [circulated] = await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);

    const draft = await pdfOf(g.delegate.client, `/api/meetings/${id}/versions/${circulated!.id}/minutes.pdf`);
    // (pdftotext puts the dash of "النسخة 1 — غير معتمدة" on either side of the digit.)
    expect(draft).toMatch(/النسخة—?1—?غيرمعتمدة/u);
    expect(draft).not.toContain(normalize('اعتماد المحضر'));

    expect((await approve(g.kuwait.client, id, circulated!.id)).status).toBe(201);
    expect((await approve(g.britain.client, id, circulated!.id)).status).toBe(201);
    const approved = (await g.delegate.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`)).find((v) => v.kind === 'approved')!;
    const prefix = approved.sha256.slice(0, 16);
    // The circulated and the approved record, downloaded side by side, are told apart by name.
    expect(await fileNameOf(g.delegate.client, `/api/meetings/${id}/versions/${circulated!.id}/minutes.pdf`)).toMatch(new RegExp(`-v${circulated!.number}\\.pdf$`));
    for (const path of [`/api/meetings/${id}/versions/${approved.id}/minutes.pdf`, `/api/meetings/${id}/minutes.pdf`]) {
      expect(await fileNameOf(g.delegate.client, path)).toMatch(new RegExp(`-v${approved.number}\\.pdf$`));
    }

    for (const path of [`/api/meetings/${id}/versions/${approved.id}/minutes.pdf`, `/api/meetings/${id}/minutes.pdf`]) {
      const text = await pdfOf(g.delegate.client, path);
      expect(text).toContain(normalize('اعتماد المحضر'));
      for (const name of ['Sheikh Ahmad', 'Sir John', 'الكويت', 'المملكة المتحدة']) expect(text).toContain(normalize(name));
      // The hash prefix in the approval block and in the footer.
      expect(text.split(prefix).length - 1).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/GMT\+3/);
      expect(text).not.toContain('DRAFT');
    }

    // Renaming the group, a side or an account afterwards does not rewrite the approved record.
    await t.admin.ok('PATCH', `/api/groups/${g.group.id}`, {
      nameAr: 'لجنة أُعيدت تسميتها',
      sides: SIDES.map((side) => (side.key === 'kw' ? { ...side, nameAr: 'دولة الكويت — الجانب الآخر', nameEn: 'Another Kuwait' } : side)),
    });
    await t.admin.ok('PATCH', `/api/users/${g.britain.userId}`, { name: 'Someone Else' });
    for (const path of [`/api/meetings/${id}/versions/${approved.id}/minutes.pdf`, `/api/meetings/${id}/minutes.pdf`]) {
      const text = await pdfOf(g.delegate.client, path);
      for (const name of ['Sheikh Ahmad', 'Sir John', 'الكويت', 'المملكة المتحدة', 'اللجنة التوجيهية']) expect(text).toContain(normalize(name));
      expect(text).not.toContain(normalize('Someone Else'));
      expect(text).not.toContain(normalize('أُعيدت تسميتها'));
      expect(text).not.toContain(normalize('الجانب الآخر'));
    }
  });

  it('prints only the approvals that approved: not one whose giver stopped being their side\'s approver before the minutes were approved', async () => {
    const g = await steeringGroup(t.admin, { language: 'en' });
    const id = g.meeting.id;
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const [circulated] = await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);
    expect((await approve(g.kuwait.client, id, circulated!.id)).status).toBe(201);
    // Sheikh Ahmad is no longer Kuwait's approver; the take-back of his approval has not run yet.
    await t.server.ctx.db.sql`update memberships set approver = false where user_id = ${g.kuwait.userId} and group_id = ${g.group.id}`;
    expect((await approve(g.kuwait2.client, id, circulated!.id)).status).toBe(201);
    expect((await approve(g.britain.client, id, circulated!.id)).status).toBe(201);
    const text = await pdfOf(g.delegate.client, `/api/meetings/${id}/minutes.pdf`);
    expect(text).toContain(normalize('Fahad'));
    expect(text).toContain(normalize('Sir John'));
    expect(text).not.toContain(normalize('Sheikh Ahmad'));
  });
});
