import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from './buildServer.js';

const root = process.cwd();
const outDir = path.join('dist', `test-node-${process.pid}`);
const out = path.join(root, outDir);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('the built server (npm start runs it with node, no TypeScript loader)', () => {
  it('has every module and every file its modules read next to them', { timeout: 60_000 }, async () => {
    const modules = await buildServer(root, outDir);
    expect(modules).toBeGreaterThan(100);
    for (const file of ['server/src/main.js', 'server/src/export/pdf/renderProcess.js', 'server/src/export/pdf/minutes.typ', 'db/embeddedWorker.mjs']) {
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    }
    const migrations = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
    expect(migrations(path.join(out, 'db/migrations'))).toEqual(migrations(path.join(root, 'db/migrations')));
    expect(fs.readdirSync(path.join(out, 'server/assets/fonts'))).toEqual(fs.readdirSync(path.join(root, 'server/assets/fonts')));
    expect(modules).toBe(fs.readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.js')).length);
  });

  it('loads under plain node: its configuration refuses a bad port with a clear message', { timeout: 60_000 }, () => {
    // Loading main.js imports the whole server graph: a module missing from the build fails here.
    let message = '';
    try {
      execFileSync(process.execPath, [path.join(out, 'server/src/main.js')], { env: { ...process.env, PORT: 'not-a-port' }, stdio: 'pipe' });
    } catch (error) {
      message = String((error as { stderr: Buffer }).stderr);
    }
    expect(message).toMatch(/PORT/);
    expect(message).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module/);
  });
});
