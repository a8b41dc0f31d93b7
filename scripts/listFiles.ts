import fs from 'node:fs';
import path from 'node:path';

/** Every file under `root/dir` (paths relative to `root`), but for names matching `skip`. */
export function listFiles(root: string, dir: string, into: string[], skip?: RegExp): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return into;
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(root, relative, into, skip);
    else if (entry.isFile() && !skip?.test(entry.name)) into.push(relative);
  }
  return into;
}
