import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from './listFiles.js';

/**
 * The server as plain JavaScript, for `npm start`: run by node itself, without tsx's loader
 * (a thread compiling TypeScript on the fly: ~37 MB of the server's memory, and seconds at
 * start), with the same file layout as the sources under `dist/node/`, so every path a module
 * finds from `import.meta.url` (migrations, the embedded database's worker, the PDF template
 * and renderer, fonts) resolves the same way. Files are transpiled one by one, not bundled,
 * and type-checked by `npm run typecheck`, not here.
 */
export const SERVER_BUILD_DIR = path.join('dist', 'node');

/** What the server runs: its sources, the shared and database code, the benchmark harnesses. */
const SOURCE_DIRS = ['server/src', 'db', 'shared', 'scripts'];
const NOT_SOURCE = /\.test\.tsx?$|\.tsx$/;
/** Files read at run time next to the modules that read them. */
const ASSETS = /\.(sql|mjs|typ)$/;
/** Directories read at run time, linked rather than copied (fonts: megabytes). */
const LINKED = ['server/assets'];

/** Transpiles the server into `dist/node` (replacing what was there). Returns the file count. */
export async function buildServer(root: string, outDir = SERVER_BUILD_DIR): Promise<number> {
  const { build } = await import('esbuild');
  const out = path.join(root, outDir);
  fs.rmSync(out, { recursive: true, force: true });
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) listFiles(root, dir, files);
  const sources = files.filter((f) => f.endsWith('.ts') && !NOT_SOURCE.test(f));
  await build({
    absWorkingDir: root,
    entryPoints: sources,
    outdir: out,
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const asset of files.filter((f) => ASSETS.test(f))) {
    fs.mkdirSync(path.dirname(path.join(out, asset)), { recursive: true });
    fs.copyFileSync(path.join(root, asset), path.join(out, asset));
  }
  for (const dir of LINKED) {
    const link = path.join(out, dir);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.relative(path.dirname(link), path.join(root, dir)), link);
  }
  return sources.length;
}
