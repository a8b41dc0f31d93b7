import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { longArabicMinutes } from '../export/pdf/fixtures/sampleMinutes.js';
import { initialMinutesUpdate } from '../minutes/initialState.js';
import { describeLatencies, latenciesDuring, quantile } from '../test/latencyProbe.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

// A *.timing.test.ts file runs after every other test file, alone (vitest.config.ts): what it
// judges is how this server shares the machine, and another test file starting its own servers
// in the middle of the measurement made this one fail on CI (acknowledgements p99 118 ms).

// The default 1 MiB message limit: a 50-page document arrives in one sync message.
const t = useTestServer({ maxMessageBytes: 1024 * 1024 });

describe('GET /api/meetings/:id/minutes.pdf under load', () => {
  it('keeps keystroke acknowledgements and health checks under 100 ms (p99) while eight 50-page exports run', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    // ~50 pages of Arabic minutes, as delegates would have typed them.
    Y.applyUpdate(editor.doc, initialMinutesUpdate(longArabicMinutes(46)));
    await editor.whenSaved(20_000);
    // Four delegates export twice each (the per-user limit), all at once.
    const exporters = await Promise.all([1, 2, 3, 4].map(async (i) => (await t.admin.addMember(group.id, 'delegate', `exporter ${i}`)).client));
    // Each delegate reads their PDF as it arrives, as a browser does. Reading all eight (8 MB)
    // only after the last had come did, in this process beside the server, what no server does:
    // it blocked the loop for the health checks made just then (one over 100 ms).
    const exportOne = async (cookie: string) => {
      const response = await fetch(`${t.url}/api/meetings/${meeting.id}/minutes.pdf`, { headers: { cookie } });
      return { status: response.status, head: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)) };
    };
    const exportAll = () => Promise.all(exporters.flatMap((client) => [exportOne(client.cookie!), exportOne(client.cookie!)]));

    // Three delegates type meanwhile, each on a line and a connection of their own: enough
    // acknowledgements that the p99 is a percentile, not the one slowest keystroke.
    const typists = [{ editor, line: appendParagraph(editor.doc, 'أثناء التصدير:') }];
    for (const name of ['الكويت', 'UK']) {
      const other = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
      await waitFor(() => other.provider.synced, 20_000, 'sync');
      typists.push({ editor: other, line: appendParagraph(other.doc, name) });
    }
    // The same probes without exports first (after a warm-up): what this machine gives anyway.
    await latenciesDuring(new Promise((r) => setTimeout(r, 1000)), { url: t.url, typists });
    const quiet = await latenciesDuring(new Promise((r) => setTimeout(r, 3000)), { url: t.url, typists });
    const measured = await latenciesDuring(exportAll(), { url: t.url, typists });
    expect(measured.result).toEqual(Array(8).fill({ status: 200, head: '%PDF-' }));
    expect(measured.acks.length).toBeGreaterThan(100);
    // The server's thread only hands stored updates to the renderer processes: the server
    // process spends little CPU on an export (the probes' own share, measured without exports,
    // taken off). Reading and converting on its thread, and compiling in its worker threads,
    // cost it about a second of CPU per 50-page PDF.
    const report = `during the exports: ${describeLatencies(measured)}; without: ${describeLatencies(quiet)}`;
    const probeCpu = (quiet.cpuMs / (quiet.acks.length + quiet.health.length)) * (measured.acks.length + measured.health.length);
    const cpuPerExport = (measured.cpuMs - probeCpu) / 8;
    expect(cpuPerExport, `server CPU per export ${cpuPerExport.toFixed(0)} ms; ${report}`).toBeLessThan(150);
    // And the renderers run at a lower priority: typing and monitoring go on as if nothing were
    // exported, under 100 ms p99. That can be judged only on a machine that does it without
    // exports (one saturated by other work stalls this process anyway).
    console.info(`server CPU per export ${cpuPerExport.toFixed(0)} ms; ${report}`);
    if (quantile(quiet.acks, 0.99) < 50 && quantile(quiet.health, 0.99) < 50) {
      expect(quantile(measured.acks, 0.99), report).toBeLessThan(100);
      expect(quantile(measured.health, 0.99), report).toBeLessThan(100);
    }
    for (const typist of typists) typist.editor.destroy();
  }, 120_000);

});
