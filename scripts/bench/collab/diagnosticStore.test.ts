import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryDocumentStore } from '../../../server/src/test/memoryDocumentStore.js';
import { DiagnosticStore } from './diagnosticStore.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function journalPath(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mahdar-diagnostic-'));
  dirs.push(dir);
  return path.join(dir, 'journal');
}

function realStore(): MemoryDocumentStore {
  return new MemoryDocumentStore({ failAppend: () => false, delay: () => Promise.resolve() });
}

describe("bench:collab's diagnostic store", () => {
  it('journal: every update is in the file when its append resolves, and the real log is untouched', async () => {
    const real = realStore();
    const file = await journalPath();
    const store = new DiagnosticStore(real, 'journal', file);
    const updates = [Uint8Array.of(1, 2, 3), Uint8Array.of(4), Uint8Array.of(5, 6)];
    const positions = await Promise.all(updates.map((u) => store.append('m', u)));
    expect(await readFile(file)).toEqual(Buffer.from([1, 2, 3, 4, 5, 6]));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(3);
    expect(real.appends).toBe(0);
    await store.close();
  });

  it('none: appends resolve with rising positions and write nothing', async () => {
    const file = await journalPath();
    const store = new DiagnosticStore(realStore(), 'none', file);
    const first = await store.append('m', Uint8Array.of(1));
    const second = await store.append('m', Uint8Array.of(2));
    expect(second).toBeGreaterThan(first);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
  });

  it("moves a document past its own rows without reading the database, and opens the real log", async () => {
    const real = realStore();
    const initial = await real.append('m', Uint8Array.of(9));
    const store = new DiagnosticStore(real, 'none', await journalPath());
    const opened: Uint8Array[][] = [];
    expect(await store.open('m', (u) => opened.push(u))).toBe(initial);
    expect(opened.flat()).toEqual([Uint8Array.of(9)]);
    const a = await store.append('m', Uint8Array.of(1));
    const b = await store.append('m', Uint8Array.of(2));
    expect(await store.after('m', a, [b, a])).toEqual([{ position: b, update: null }]);
    await expect(store.compact()).rejects.toThrow(/does not compact/);
  });
});
