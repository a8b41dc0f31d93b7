import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, paragraphText, waitFor } from '../test/yClient.js';

const t = useTestServer();

describe('live co-editing over /collab/:meetingId', () => {
  it('two delegates editing at once converge, and the stored minutes equal what both see', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const kuwait = await t.admin.addMember(group.id, 'delegate', 'Kuwait delegate');
    const uk = await t.admin.addMember(group.id, 'delegate', 'UK delegate');
    const a = connectYClient(t.url, meeting.id, { cookie: kuwait.client.cookie, name: 'Kuwait' });
    const b = connectYClient(t.url, meeting.id, { cookie: uk.client.cookie, name: 'UK' });
    await waitFor(() => a.provider.synced && b.provider.synced, 5000, 'sync');
    // Both see the server-written template before anyone typed.
    expect(a.text()).toContain('الحضور');
    expect(b.text()).toBe(a.text());

    const arabic = appendParagraph(a.doc, 'ناقشت المجموعة التمرين العسكري المشترك');
    const english = appendParagraph(b.doc, 'The UK MoD confirmed 1,250,000 GBP for training.', 'ltr');
    // Interleaved concurrent inserts and deletes on both paragraphs, from both sides.
    for (let i = 0; i < 30; i++) {
      arabic.insert(arabic.length, i % 2 ? ' مقاتل' : ' الصحراء');
      english.insert(0, `${i}.`);
      if (i % 5 === 4) {
        arabic.delete(0, 2);
        english.delete(english.length - 3, 3);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await waitFor(() => a.text() === b.text() && a.text().includes('MoD') && b.text().includes('مقاتل'), 5000, 'convergence');
    // Each side also edits the other's paragraph.
    const count = a.doc.getXmlFragment('default').length;
    paragraphText(a.doc, count - 1).insert(0, 'تعليق: ');
    paragraphText(b.doc, count - 2).insert(0, 'Note: ');
    await a.whenSaved();
    await b.whenSaved();
    await waitFor(() => a.text() === b.text(), 5000, 'convergence after cross edits');

    expect(a.text()).toContain('تعليق: ');
    expect(a.text()).toContain('Note: ');
    expect(await kuwait.client.minutesText(meeting.id)).toBe(a.text());
    a.destroy();
    b.destroy();
  });

  it('offline edits are kept and sent on reconnect', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const a = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => a.provider.synced, 5000, 'sync');
    a.provider.disconnect();
    appendParagraph(a.doc, 'كتبت هذه الفقرة دون اتصال');
    expect(await t.admin.minutesText(meeting.id)).not.toContain('دون اتصال');
    a.provider.connect();
    await a.whenSaved();
    expect(await t.admin.minutesText(meeting.id)).toContain('كتبت هذه الفقرة دون اتصال');
    a.destroy();
  });

  it('an unknown meeting is refused with 4404', async () => {
    const c = connectYClient(t.url, '00000000-0000-4000-8000-000000000000', { cookie: t.admin.cookie });
    expect((await c.closed).code).toBe(4404);
    c.destroy();
    const d = connectYClient(t.url, 'not-a-meeting', { cookie: t.admin.cookie });
    expect((await d.closed).code).toBe(4404);
    d.destroy();
  });
});
