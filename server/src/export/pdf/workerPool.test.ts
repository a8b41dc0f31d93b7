import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doc, minutesInput, paragraph } from './fixtures/sampleMinutes.js';
import type { RenderJob } from './renderJob.js';
import { PdfWorkerPool } from './workerPool.js';

const { meeting, group } = minutesInput(doc(paragraph('محضر الاجتماع')));
const JOB: RenderJob = { minutes: { json: doc(paragraph('محضر الاجتماع')) }, meeting, group, exportedAt: Date.parse('2026-12-07T10:00:00Z') };

// The pool's folder goes where os.tmpdir() says, which follows TMPDIR: a folder of this test's own
// shows exactly what the pool leaves behind, whatever other tests do in /tmp meanwhile.
let temporary: string;
let savedTmpdir: string | undefined;
// Only the pool's own: the renderer run from source also leaves tsx's cache there.
const typstFolders = () => readdirSync(temporary).filter((name) => name.startsWith('mahdar-typst-'));

beforeEach(() => {
  temporary = mkdtempSync(join(tmpdir(), 'mahdar-pool-test-'));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = temporary;
});

afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(temporary, { recursive: true, force: true });
});

describe('PdfWorkerPool', () => {
  it('makes no folder until it renders, and removes the one it made when closed', async () => {
    const pool = new PdfWorkerPool({ size: 1, maxQueued: 1, jobsPerWorker: 50, pagesPerWorker: 600 });
    // A server that is killed before its first export must leave nothing in the temporary directory.
    expect(typstFolders()).toEqual([]);

    const pdf = await pool.render(JOB, 60_000);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(typstFolders()).toHaveLength(1);

    await pool.close();
    expect(typstFolders()).toEqual([]);
  });

  it('leaves nothing behind when closed without having rendered', async () => {
    const pool = new PdfWorkerPool({ size: 1, maxQueued: 1, jobsPerWorker: 50, pagesPerWorker: 600 });
    await pool.close();
    expect(typstFolders()).toEqual([]);
  });
});
