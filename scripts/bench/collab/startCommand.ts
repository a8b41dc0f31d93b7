import { readFileSync } from 'node:fs';

/**
 * The environment and node flags with which `npm start` runs the server (package.json's `start`
 * script: `… && VAR=value node --flag … dist/node/server/src/main.js`), so that benchmarks
 * measure the server as it runs in production, from the one place that says how.
 */
export function startCommand(): { env: Record<string, string>; flags: string[] } {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split('&&').at(-1)!.trim().split(/\s+/);
  const node = words.indexOf('node');
  if (node < 0) throw new Error(`npm start does not run node as expected: ${pkg.scripts.start}`);
  const env: Record<string, string> = {};
  for (const word of words.slice(0, node)) {
    const at = word.indexOf('=');
    if (at <= 0) throw new Error(`npm start: "${word}" is not VAR=value`);
    env[word.slice(0, at)] = word.slice(at + 1);
  }
  const flags = words.slice(node + 1).filter((word) => word.startsWith('--'));
  return { env, flags };
}
