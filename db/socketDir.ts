import { rmSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PREFIX = 'mahdar-db-';
/** The process that made a directory, so that a later start can tell whether it is still there. */
const OWNER_FILE = 'owner.pid';

/** Directories of this process still in use, removed when the process exits. */
const live = new Set<string>();

function removeAllOnExit(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
}

export interface SocketDir {
  path: string;
  remove(): Promise<void>;
}

/**
 * A new directory for the embedded database's socket that only this user may enter (mkdtemp
 * makes it mode 0700), under the system's temporary directory: a socket's path may not exceed
 * 107 bytes, and a data directory can be deep. It is removed by `remove()`, or when the process
 * exits without it (process.exit after an error: one listener for all, a test process starts
 * many databases and a listener each went over Node's limit of ten). A process killed outright
 * cannot remove its own: the next start removes those whose process is gone.
 */
export async function makeSocketDir(): Promise<SocketDir> {
  await removeAbandoned();
  const dir = await mkdtemp(path.join(tmpdir(), PREFIX));
  await writeFile(path.join(dir, OWNER_FILE), String(process.pid));
  if (!process.listeners('exit').includes(removeAllOnExit)) process.on('exit', removeAllOnExit);
  live.add(dir);
  return {
    path: dir,
    async remove() {
      live.delete(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Removes this user's socket directories whose process no longer runs. Only real directories
 * (not symbolic links) that this user owns; one without an owner file, or whose process might
 * still run (or is another's, EPERM), is left alone.
 */
async function removeAbandoned(): Promise<void> {
  const uid = process.getuid?.();
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmpdir(), name);
    try {
      const info = await lstat(dir);
      if (!info.isDirectory() || info.uid !== uid) continue;
      const pid = Number(await readFile(path.join(dir, OWNER_FILE), 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && !running(pid)) await rm(dir, { recursive: true, force: true });
    } catch {
      // Gone meanwhile, not ours to read, or no owner file: not removed.
    }
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
