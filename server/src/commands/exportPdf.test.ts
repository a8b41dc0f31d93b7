import { describe, expect, it } from 'vitest';
import { normalize, pdfInfo, pdfText } from '../export/pdf/fixtures/pdfTools.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

// The default 1 MiB message limit: a 50-page document arrives in one sync message.
const t = useTestServer({ maxMessageBytes: 1024 * 1024 });

describe('GET /api/meetings/:id/minutes.pdf', () => {
  it('downloads the minutes as they stand, named <group>-<session>-<date>.pdf', async () => {
    const group = await t.admin.createGroup('مجموعة العمل في مجال الدفاع', 'Defence working group');
    const meeting = await t.admin.createMeeting(group.id, { sessionNumber: 16, startsAt: '2026-11-25T10:00:00+03:00', language: 'both' });
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'ناقشت المجموعة التمرين العسكري المشترك مقاتل الصحراء');
    appendParagraph(editor.doc, 'The UK MoD will share the exercise plan.', 'ltr');
    appendActionItem(editor.doc, 'إرسال خطة التدريب', { owner: 'الكويت', due: '2027-02-01' });
    await editor.whenSaved();

    const res = await fetch(`${t.url}/api/meetings/${meeting.id}/minutes.pdf`, { headers: { cookie: t.admin.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="Defence-working-group-16-2026-11-25\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('مجموعة-العمل-في-مجال-الدفاع-16-2026-11-25.pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect((await pdfInfo(pdf)).pages).toBeGreaterThanOrEqual(1);
    const text = normalize(await pdfText(pdf));
    for (const typed of ['ناقشت المجموعة التمرين العسكري المشترك مقاتل الصحراء', 'The UK MoD will share the exercise plan.', 'إرسال خطة التدريب']) {
      expect(text).toContain(normalize(typed));
    }
    editor.destroy();
  });

  it('is refused without a session (401) and to non-members (403)', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    expect((await fetch(`${t.url}/api/meetings/${meeting.id}/minutes.pdf`)).status).toBe(401);
    const other = await t.admin.createGroup('مجموعة الصحة', 'Health');
    const outsider = (await t.admin.addMember(other.id, 'secretary', 'outsider')).client;
    expect((await outsider.request('GET', `/api/meetings/${meeting.id}/minutes.pdf`)).status).toBe(403);
  });
});
