import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { semiSpaceFlag } from './workerHeap.js';

describe('semiSpaceFlag', () => {
  it('reads --max-semi-space-size as node takes it, and 0 when it is not set', () => {
    expect(semiSpaceFlag(['--max-semi-space-size=8'])).toBe(8);
    expect(semiSpaceFlag(['--max-semi-space-size', '16', 'main.js'])).toBe(16);
    expect(semiSpaceFlag(['--max_semi_space_size=4', '--expose-gc'])).toBe(4);
    expect(semiSpaceFlag(['--expose-gc', '--max-old-space-size=512'])).toBe(0);
    expect(semiSpaceFlag([])).toBe(0);
    // NODE_OPTIONS first, then the command line, which wins.
    expect(semiSpaceFlag(['--max-semi-space-size=32', '--max-semi-space-size=8'])).toBe(8);
  });
});

// A worker that makes garbage (a young generation grows to its limit under allocation) and
// reports the size of its young objects' space (evaluated as a module here: no require).
const WORKER = `
const v8 = process.getBuiltinModule('node:v8');
let keep = [];
for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 20000) keep = []; }
const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
process.getBuiltinModule('node:worker_threads').parentPort.postMessage(space.space_size / 1048576);
`;

const SCRIPT = `
import { Worker } from 'node:worker_threads';
import { workerWithYoungGeneration } from ${JSON.stringify(fileURLToPath(new URL('./workerHeap.ts', import.meta.url)))};
const report = (worker) => new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
const capped = await report(workerWithYoungGeneration(${JSON.stringify(WORKER)}, { eval: true }, 3));
const plain = await report(new Worker(${JSON.stringify(WORKER)}, { eval: true }));
console.log(JSON.stringify({ capped, plain }));
process.exit(0);
`;

describe('a worker with its own young generation', () => {
  it('keeps to its limit in a process started with --max-semi-space-size (as npm start is), and later workers get the flag again', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-semi-space-size=8', '--import', 'tsx', '--input-type=module', '-e', SCRIPT], { timeout: 60_000 });
    const { capped, plain } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { capped: number; plain: number };
    // 3 MB of young generation: two semi-spaces of 1 MB. Without the unset flag, 8 MB ones won.
    expect(capped).toBeLessThanOrEqual(2);
    // The flag restored: two semi-spaces of 8 MB, not V8's default of 16 MB each.
    expect(plain).toBe(16);
  });
});
