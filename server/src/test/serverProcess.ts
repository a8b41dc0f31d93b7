import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN_HASH_COST } from '../auth/password.js';
import type { TestDatabase } from './testDatabase.js';
import { ADMIN } from './admin.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** How node runs the server: tests run its source through tsx; benchmarks its build (bench/collab). */
export interface ServerCommand {
  args: string[];
  env: Record<string, string | undefined>;
}

const FROM_SOURCE: ServerCommand = { args: ['--import', 'tsx', 'server/src/main.ts'], env: process.env };

/** `server/src/main.ts` as a real child process (to be killed with SIGKILL). */
export async function spawnServer(db: TestDatabase, port = 0, env: Record<string, string> = {}, command = FROM_SOURCE): Promise<ServerProcess> {
  const child = spawn(process.execPath, command.args, {
    cwd: ROOT,
    env: {
      ...command.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.databaseUrl ?? '',
      DATA_DIR: db.dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'error',
      // As testConfig (testServer.ts): accounts made by tests are cheap to hash.
      PASSWORD_HASH_COST: String(MIN_HASH_COST),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const listening = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /\(port (\d+)\)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`server did not start in time: ${stderr}`)), 60_000).unref();
  });
  return { child, port: listening, url: `http://127.0.0.1:${listening}`, exited };
}

/** Resident memory of a process (Linux), in bytes. */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}
