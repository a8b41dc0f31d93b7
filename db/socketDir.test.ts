import { execFile } from 'node:child_process';
import { lstat, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeSocketDir } from './socketDir.js';

/** The id of a process that has ended. */
async function endedPid(): Promise<number> {
  const child = execFile(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** A socket directory as a server left it (its owner file naming `pid`, or none). */
async function leftDir(pid: number | null): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mahdar-db-'));
  if (pid !== null) await writeFile(path.join(dir, 'owner.pid'), String(pid));
  return dir;
}

const exists = (dir: string) => stat(dir).then(() => true, () => false);

describe('socket directories', () => {
  it('is private to this user and removed by remove()', async () => {
    const dir = await makeSocketDir();
    expect((await stat(dir.path)).mode & 0o777).toBe(0o700);
    await dir.remove();
    expect(await exists(dir.path)).toBe(false);
  });

  it("removes those a killed server left, and keeps a running server's and unknown ones", async () => {
    const killed = await leftDir(await endedPid());
    const running = await leftDir(process.pid);
    const unknown = await leftDir(null);
    // A symbolic link by that name (anyone may make one in /tmp) is never followed.
    const target = await mkdtemp(path.join(tmpdir(), 'socket-dir-target-'));
    await writeFile(path.join(target, 'owner.pid'), String(await endedPid()));
    const link = path.join(tmpdir(), `mahdar-db-link-${process.pid}`);
    await promisify(execFile)('ln', ['-s', target, link]);
    try {
      const dir = await makeSocketDir();
      expect(await exists(killed)).toBe(false);
      expect(await exists(running)).toBe(true);
      expect(await exists(unknown)).toBe(true);
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect(await exists(path.join(target, 'owner.pid'))).toBe(true);
      await dir.remove();
    } finally {
      for (const dir of [killed, running, unknown, target, link]) await rm(dir, { recursive: true, force: true });
    }
  });
});
