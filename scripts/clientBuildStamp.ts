import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from './listFiles.js';

/**
 * Whether the built client (`dist/client`) was built from the client's current inputs, so that
 * `npm start` builds only when something in them changed. The stamp holds a hash of the inputs
 * and of the built index.html (which names every hashed chunk): a build made from other inputs
 * by hand never passes for this one.
 */

/** What the client is built from: its sources, the shared code it imports, the build setup. */
const INPUT_DIRS = ['client', 'shared'];
const INPUT_FILES = ['vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Tests are not part of the bundle. */
const NOT_INPUT = /\.(test|fuzz\.test)\.tsx?$|\.testing\.ts$/;

export const STAMP_FILE = path.join('dist', 'client-inputs.sha256');
const INDEX = path.join('dist', 'client', 'index.html');

/** A hash of every input's path and bytes, in a fixed order. */
export function clientInputsHash(root: string): string {
  const files: string[] = [];
  for (const dir of INPUT_DIRS) listFiles(root, dir, files, NOT_INPUT);
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(file.split(path.sep).join('/')).update('\0');
    hash.update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

function indexHash(root: string): string | null {
  const index = path.join(root, INDEX);
  return fs.existsSync(index) ? createHash('sha256').update(fs.readFileSync(index)).digest('hex') : null;
}

function stampOf(root: string): string | null {
  const index = indexHash(root);
  return index ? `${clientInputsHash(root)} ${index}\n` : null;
}

/** True when dist/client exists and was built from exactly the current inputs. */
export function clientIsUpToDate(root: string): boolean {
  const stampFile = path.join(root, STAMP_FILE);
  if (!fs.existsSync(stampFile)) return false;
  return fs.readFileSync(stampFile, 'utf8') === stampOf(root);
}

/** Records that dist/client is the build of the current inputs (after a successful build). */
export function writeClientStamp(root: string): void {
  const stamp = stampOf(root);
  if (!stamp) throw new Error(`no ${INDEX} to stamp: the build did not produce the client`);
  fs.writeFileSync(path.join(root, STAMP_FILE), stamp);
}
