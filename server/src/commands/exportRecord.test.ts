import { describe, expect, it } from 'vitest';
import { normalize, pdfText } from '../export/pdf/fixtures/pdfTools.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

/** "النسخة N — غير معتمدة" as extracted: the number and the dash may come out in either order. */
const versionLine = (n: number) => new RegExp(`النسخة(—${n}|${n}—)غيرمعتمدة`);

async function pdfOf(path: string): Promise<string> {
  const res = await fetch(`${t.url}/api${path}`, { headers: { cookie: t.admin.cookie! } });
  expect(res.status).toBe(200);
  return normalize(await pdfText(new Uint8Array(await res.arrayBuffer())));
}

describe('the record a PDF prints (resolved by the renderer)', () => {
  it('names the version that holds the current text, prints its hash, and "current text" once the text moved on', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'نص النسخة الأولى');
    await editor.whenSaved();
    const first = await t.admin.ok<{ id: string; number: number; sha256: string }>('POST', `/api/meetings/${meeting.id}/versions`, { label: 'first' });

    const current = await pdfOf(`/meetings/${meeting.id}/minutes.pdf`);
    expect(current).toMatch(versionLine(first.number));
    expect(current).toContain(first.sha256.slice(0, 16));

    appendParagraph(editor.doc, 'نص أضيف بعد النسخة');
    await editor.whenSaved();
    const moved = await pdfOf(`/meetings/${meeting.id}/minutes.pdf`);
    // The adjective agrees with النص (masculine), as it does with النسخة (feminine).
    expect(moved).toMatch(/النصالحالي—غيرمعتمد(?!ة)|غيرمعتمد—النصالحالي/);
    expect(moved).not.toMatch(versionLine(first.number));
    expect(moved).toContain(normalize('نص أضيف بعد النسخة'));
    expect(moved).not.toContain(first.sha256.slice(0, 16));

    // The version itself: its number and hash, its text only.
    const version = await pdfOf(`/meetings/${meeting.id}/versions/${first.id}/minutes.pdf`);
    expect(version).toMatch(versionLine(first.number));
    expect(version).toContain(first.sha256.slice(0, 16));
    expect(version).toContain(normalize('نص النسخة الأولى'));
    expect(version).not.toContain(normalize('نص أضيف بعد النسخة'));
    editor.destroy();
  }, 60_000);
});
