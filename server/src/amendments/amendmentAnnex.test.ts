import { describe, expect, it } from 'vitest';
import type { VersionDto } from '../../../shared/api/versions.js';
import { textRangeAnchor } from '../../../shared/anchors/encoding.js';
import { normalize, pdfText } from '../export/pdf/fixtures/pdfTools.js';
import type { ApiClient } from '../test/apiClient.js';
import { approve, steeringGroup } from '../test/steeringGroup.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

async function pdf(client: ApiClient, path: string): Promise<string> {
  const res = await fetch(`${t.url}${path}`, { headers: { cookie: client.cookie! } });
  expect(res.status).toBe(200);
  return normalize(await pdfText(new Uint8Array(await res.arrayBuffer())));
}

describe('PDF annex of open amendments', () => {
  it('lists open amendments by side on request for a draft or circulated version, never on the approved record', async () => {
    const g = await steeringGroup(t.admin, { language: 'en' });
    const id = g.meeting.id;
    const writer = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => writer.provider.synced, 5000, 'sync');
    const text = appendParagraph(writer.doc, 'The working group met in London to review the exercise.', 'ltr');
    await writer.whenSaved();
    writer.destroy();
    const at = text.toString().indexOf(normalize('London'));
    const propose = (client: ApiClient, body: Record<string, unknown>) => client.ok('POST', `/api/meetings/${id}/amendments`, { anchor: textRangeAnchor(text, at, at + 6), ...body });
    const uk = await propose(g.britain.client, { proposed: 'Manchester', rationale: 'The venue moved.' });
    await propose(g.kuwait.client, { proposed: 'Kuwait City', rationale: 'As first planned.' });
    const decided = await propose(g.delegate.client, { proposed: 'Leeds' });
    await g.delegate.client.ok('POST', `/api/meetings/${id}/amendments/${decided.id}/withdraw`);

    const plain = await pdf(g.delegate.client, `/api/meetings/${id}/minutes.pdf`);
    expect(plain).not.toContain(normalize('Annex: open amendments'));
    const annexed = await pdf(g.delegate.client, `/api/meetings/${id}/minutes.pdf?amendments=annex`);
    expect(annexed).toContain(normalize('Annex: open amendments'));
    // The group's sides in their order (Kuwait, then the United Kingdom), each with its wording.
    const kw = annexed.indexOf(normalize('Kuwait City'));
    const ukAt = annexed.indexOf(normalize('Manchester'));
    expect(kw).toBeGreaterThan(annexed.indexOf(normalize('Annex: open amendments')));
    expect(ukAt).toBeGreaterThan(kw);
    expect(annexed).toContain(normalize('The venue moved.'));
    expect(annexed).toContain(normalize('Sir John'));
    expect(annexed).not.toContain(normalize('Leeds'));
    expect((await g.delegate.client.request('GET', `/api/meetings/${id}/minutes.pdf?amendments=everything`)).status).toBe(400);

    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const [circulated] = await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);
    expect(await pdf(g.kuwait.client, `/api/meetings/${id}/versions/${circulated!.id}/minutes.pdf?amendments=annex`)).toContain(normalize('Manchester'));

    // Decided, re-circulated and approved: the approved record prints no annex.
    await g.secretary.client.ok('POST', `/api/meetings/${id}/amendments/${uk.id}/accept`);
    // Kuwait's amendment was of the words the accepted one replaced: it becomes outdated, and
    // nothing is left open to decide. (Listing and rejecting it raced that recomputation.)
    const statuses = async () => (await g.secretary.client.ok<{ id: string; status: string }[]>('GET', `/api/meetings/${id}/amendments`)).map((a) => a.status).sort();
    await expect.poll(statuses, { timeout: 10_000 }).toEqual(['accepted', 'outdated', 'withdrawn']);
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const second = (await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`)).at(-1)!;
    expect((await approve(g.kuwait.client, id, second.id)).status).toBe(201);
    expect((await approve(g.britain.client, id, second.id)).status).toBe(201);
    const record = await pdf(g.delegate.client, `/api/meetings/${id}/minutes.pdf?amendments=annex`);
    expect(record).toContain(normalize('The working group met in Manchester'));
    expect(record).not.toContain(normalize('Annex: open amendments'));
  });
});
