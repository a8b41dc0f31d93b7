import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AmendmentDto } from '../../../shared/api/amendments.js';
import { textRangeAnchor } from '../../../shared/anchors/encoding.js';
import { steeringGroup } from '../test/steeringGroup.js';
import { watchMeeting } from '../test/meetingEvents.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, paragraphText, waitFor, type YClient } from '../test/yClient.js';
import type { ApiClient } from '../test/apiClient.js';

const t = useTestServer();

const SENTENCE = 'The next meeting will be held in March in Kuwait City.';

async function editor(client: ApiClient, meetingId: string): Promise<YClient> {
  const y = connectYClient(t.url, meetingId, { cookie: client.cookie });
  await waitFor(() => y.provider.synced, 5000, 'sync');
  return y;
}

/** The index in the fragment of the paragraph whose text is `text`. */
function paragraphIndex(doc: Y.Doc, text: string): number {
  const fragment = doc.getXmlFragment('default');
  return fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.get(0) instanceof Y.XmlText && (node.get(0) as Y.XmlText).toString() === text);
}

async function amendments(client: ApiClient, meetingId: string): Promise<AmendmentDto[]> {
  return client.ok<AmendmentDto[]>('GET', `/api/meetings/${meetingId}/amendments`);
}

async function waitForAmendment(client: ApiClient, meetingId: string, id: string, check: (a: AmendmentDto) => boolean, what: string): Promise<AmendmentDto> {
  let found: AmendmentDto | undefined;
  const start = Date.now();
  while (!(found && check(found))) {
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(found)}`);
    await new Promise((r) => setTimeout(r, 50));
    found = (await amendments(client, meetingId)).find((a) => a.id === id);
  }
  return found;
}

describe('amendments anchored with plain Yjs relative positions', () => {
  it('keeps pointing at its words while another client types before, around and inside them', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const kuwait = await editor(g.kuwait.client, id);
    const text = appendParagraph(kuwait.doc, SENTENCE);
    await kuwait.whenSaved();
    const at = SENTENCE.indexOf('March');
    const anchor = textRangeAnchor(text, at, at + 'March'.length);

    const watcher = await watchMeeting(g.delegate.client, id);
    const created = await g.kuwait.client.request<AmendmentDto>('POST', `/api/meetings/${id}/amendments`, { anchor, proposed: 'April', rationale: 'The date agreed in the corridor.' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      side: 'kw',
      author: { id: g.kuwait.userId, name: 'Sheikh Ahmad' },
      anchor,
      quote: 'March',
      proposed: 'April',
      rationale: 'The date agreed in the corridor.',
      status: 'open',
      createdAt: expect.any(String),
    });
    await waitFor(() => watcher.seen.some((e) => e.name === 'amendments:changed' && e.payload.amendments[0]?.id === created.body.id), 5000, 'proposal event');

    // Another delegate edits the same paragraph on their own copy.
    const britain = await editor(g.britain.client, id);
    const theirs = paragraphText(britain.doc, paragraphIndex(britain.doc, SENTENCE));
    const index = (s: string) => theirs.toString().indexOf(s);
    britain.doc.transact(() => theirs.delete(0, 'The '.length));
    britain.doc.transact(() => theirs.insert(0, 'Indeed, the '));
    britain.doc.transact(() => theirs.insert(index('March'), 'early ')); // right before: stays outside
    britain.doc.transact(() => theirs.insert(index('March') + 'March'.length, ' 2027')); // right after: stays outside
    britain.doc.transact(() => theirs.insert(index('March') + 3, '-')); // inside: becomes part of it
    await britain.whenSaved();
    expect(theirs.toString()).toBe('Indeed, the next meeting will be held in early Mar-ch 2027 in Kuwait City.');
    let now = await waitForAmendment(g.delegate.client, id, created.body.id, (a) => a.quote === 'Mar-ch', 'quote with the inner insertion');
    expect(now.status).toBe('open');
    // Pushed to the room too, with the same DTO.
    await waitFor(() => watcher.seen.some((e) => e.name === 'amendments:changed' && e.payload.amendments.some((a: AmendmentDto) => a.quote === 'Mar-ch')), 5000, 'quote event');

    britain.doc.transact(() => theirs.delete(index('Mar-ch') + 3, 1));
    britain.doc.transact(() => theirs.delete(0, 'Indeed, '.length));
    await britain.whenSaved();
    now = await waitForAmendment(g.delegate.client, id, created.body.id, (a) => a.quote === 'March', 'quote back to its words');
    expect(now.anchor).toEqual(anchor);
    watcher.close();

    // The secretariat accepts: only the anchored words change, for everyone, live.
    const accepted = await g.secretary.client.request<AmendmentDto>('POST', `/api/meetings/${id}/amendments/${created.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', quote: 'March', decidedBy: { id: g.secretary.userId, name: 'Secretariat' }, decidedAt: expect.any(String) });
    const expected = 'the next meeting will be held in early April 2027 in Kuwait City.';
    await waitFor(() => theirs.toString() === expected && paragraphText(kuwait.doc, paragraphIndex(kuwait.doc, expected)).toString() === expected, 5000, 'accepted text on both editors');
    expect(await t.admin.minutesText(id)).toContain(expected);
    kuwait.destroy();
    britain.destroy();
  });

  it("an accepted amendment is one server change that others' undo does not revert", async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const writer = await editor(g.britain.client, id);
    const text = appendParagraph(writer.doc, 'Both sides will exchange letters within two weeks.');
    await writer.whenSaved();
    // The writer's own editing history, as the editor's undo tracks it (local transactions).
    const undo = new Y.UndoManager(writer.doc.getXmlFragment('default'), { captureTimeout: 0 });
    writer.doc.transact(() => text.insert(text.length, ' Copies go to the secretariat.'));
    await writer.whenSaved();
    const at = text.toString().indexOf('two weeks');
    const anchor = textRangeAnchor(text, at, at + 'two weeks'.length);
    const created = await g.kuwait.client.ok<AmendmentDto>('POST', `/api/meetings/${id}/amendments`, { anchor, proposed: 'one month', rationale: '' });
    expect((await g.secretary.client.request('POST', `/api/meetings/${id}/amendments/${created.id}/accept`)).status).toBe(200);
    await waitFor(() => text.toString().includes('one month'), 5000, 'accept seen live by the connected client');

    while (undo.canUndo()) undo.undo();
    await writer.whenSaved();
    expect(text.toString()).toBe('Both sides will exchange letters within one month.');
    const stored = await t.admin.minutesText(id);
    expect(stored).toContain('Both sides will exchange letters within one month.');
    expect(stored).not.toContain('Copies go to the secretariat.');
    writer.destroy();
  });

  it('becomes outdated when its words are deleted, and cannot then be accepted', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const writer = await editor(g.britain.client, id);
    const text = appendParagraph(writer.doc, 'The committee notes the report on cyber security cooperation.');
    await writer.whenSaved();
    const at = text.toString().indexOf('cyber security ');
    const created = await g.kuwait.client.ok<AmendmentDto>('POST', `/api/meetings/${id}/amendments`, {
      anchor: textRangeAnchor(text, at, at + 'cyber security '.length),
      proposed: 'maritime ',
      rationale: '',
    });
    writer.doc.transact(() => text.delete(at - 'report on '.length, 'report on cyber security cooperation'.length));
    writer.doc.transact(() => text.insert(at - 'report on '.length, 'agenda'));
    await writer.whenSaved();
    const outdated = await waitForAmendment(g.delegate.client, id, created.id, (a) => a.status === 'outdated', 'outdated');
    expect(outdated.quote).toBe('');
    const refused = await g.secretary.client.request('POST', `/api/meetings/${id}/amendments/${created.id}/accept`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'amendment_not_open', params: { status: 'outdated' } } });
    expect(await t.admin.minutesText(id)).toContain('The committee notes the agenda.');

    writer.destroy();
  });
});
