import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { paragraphsOf, part } from '../export/docx/fixtures/docxTools.js';
import { longArabicMinutes } from '../export/pdf/fixtures/sampleMinutes.js';
import { initialMinutesUpdate } from '../minutes/initialState.js';
import type { ApiClient } from '../test/apiClient.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

// One renderer, one export per user: a Word export takes its place among the PDF exports.
const t = useTestServer({ maxMessageBytes: 1024 * 1024, pdfExport: { workers: 1, queue: 4, perUser: 1, timeoutMs: 60_000 } });

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function download(client: ApiClient, path: string): Promise<{ status: number; headers: Headers; body: Uint8Array }> {
  const res = await fetch(`${t.url}/api${path}`, { headers: { cookie: client.cookie! } });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}

/** The document's paragraphs as text (left-to-right marks around numbers taken out). */
const textOf = (docx: Uint8Array) => paragraphsOf(part(docx, 'word/document.xml')).map((p) => ({ text: p.text.replace(/\u200E/g, ''), bidi: p.bidi }));

describe('GET /api/meetings/:id/minutes.docx', () => {
  it('downloads the minutes as they stand as a Word document named <group>-<session>-<date>.docx', async () => {
    const group = await t.admin.createGroup('مجموعة العمل في مجال الدفاع', 'Defence working group');
    const meeting = await t.admin.createMeeting(group.id, { sessionNumber: 16, startsAt: '2026-11-25T10:00:00+03:00', language: 'both' });
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'ناقشت المجموعة التمرين العسكري المشترك مقاتل الصحراء');
    appendParagraph(editor.doc, 'The UK MoD will share the exercise plan.', 'ltr');
    appendActionItem(editor.doc, 'إرسال خطة التدريب', { owner: 'الكويت', due: '2027-02-01' });
    await editor.whenSaved();

    const res = await download(t.admin, `/meetings/${meeting.id}/minutes.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX_TYPE);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="Defence-working-group-16-2026-11-25\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('مجموعة-العمل-في-مجال-الدفاع-16-2026-11-25.docx');
    const paragraphs = textOf(res.body);
    expect(paragraphs).toContainEqual({ text: 'ناقشت المجموعة التمرين العسكري المشترك مقاتل الصحراء', bidi: true });
    expect(paragraphs).toContainEqual({ text: 'The UK MoD will share the exercise plan.', bidi: false });
    expect(paragraphs).toContainEqual({ text: 'إرسال خطة التدريب', bidi: true });
    // The due date is written out in the paragraph's language (bidi marks aside).
    const unmarked = paragraphs.map((p) => ({ ...p, text: p.text.replace(/[\u200e\u200f\u2066-\u2069]/g, '') }));
    expect(unmarked).toContainEqual({ text: '1 فبراير 2027', bidi: true });
    editor.destroy();
  }, 60_000);

  it('downloads a version as it was recorded, with its number', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'نص النسخة الأولى');
    await editor.whenSaved();
    const first = await t.admin.ok<{ id: string; number: number; sha256: string }>('POST', `/api/meetings/${meeting.id}/versions`, { label: 'first' });
    appendParagraph(editor.doc, 'نص أضيف بعد النسخة');
    await editor.whenSaved();

    const version = await download(t.admin, `/meetings/${meeting.id}/versions/${first.id}/minutes.docx`);
    expect(version.status).toBe(200);
    const texts = textOf(version.body).map((p) => p.text);
    expect(texts).toContain('نص النسخة الأولى');
    expect(texts).not.toContain('نص أضيف بعد النسخة');
    expect(texts).toContain(`النسخة ${first.number} — غير معتمدة`);
    expect(part(version.body, 'word/footer1.xml')).toContain(first.sha256.slice(0, 16));
    expect(textOf((await download(t.admin, `/meetings/${meeting.id}/minutes.docx`)).body).map((p) => p.text)).toContain('نص أضيف بعد النسخة');

    const unknown = await download(t.admin, `/meetings/${meeting.id}/versions/${globalThis.crypto.randomUUID()}/minutes.docx`);
    expect(unknown.status).toBe(404);
    editor.destroy();
  }, 60_000);

  it('shares the PDF export limits: a Word export while the same user has a PDF export running is refused (429, Retry-After)', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    Y.applyUpdate(editor.doc, initialMinutesUpdate(longArabicMinutes(20)));
    await editor.whenSaved(20_000);
    editor.destroy();
    const delegate = (await t.admin.addMember(group.id, 'delegate', 'exporter')).client;

    const pdf = download(delegate, `/meetings/${meeting.id}/minutes.pdf`);
    // The PDF export has its place once its request is answered by a renderer; ask while it runs.
    await new Promise((r) => setTimeout(r, 150));
    const refused = await download(delegate, `/meetings/${meeting.id}/minutes.docx`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await pdf).status).toBe(200);
    // The place is given back: the Word export goes through now.
    const served = await download(delegate, `/meetings/${meeting.id}/minutes.docx`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe(DOCX_TYPE);
  }, 120_000);

  it('is refused without a session (401) and to non-members (403)', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    expect((await fetch(`${t.url}/api/meetings/${meeting.id}/minutes.docx`)).status).toBe(401);
    const other = await t.admin.createGroup('مجموعة الصحة', 'Health');
    const outsider = (await t.admin.addMember(other.id, 'secretary', 'outsider')).client;
    expect((await outsider.request('GET', `/api/meetings/${meeting.id}/minutes.docx`)).status).toBe(403);
  });
});
