import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientIsUpToDate, writeClientStamp } from './clientBuildStamp.js';

let root: string;

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mahdar-stamp-'));
  write('client/src/main.tsx', 'render(<App />);');
  write('shared/editor/extensions.ts', 'export const extensions = [];');
  write('package-lock.json', '{"lockfileVersion":3}');
  write('vite.config.ts', 'export default {};');
  write('dist/client/index.html', '<script src="/assets/index-AAA.js"></script>');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('npm start builds the client only when its inputs changed', () => {
  it('needs a build before the first one, and not after it', () => {
    expect(clientIsUpToDate(root)).toBe(false);
    writeClientStamp(root);
    expect(clientIsUpToDate(root)).toBe(true);
  });

  it.each([
    ['a client source', 'client/src/main.tsx', 'render(<App strict />);'],
    ['a new client file', 'client/src/styles/phone.css', '.x{}'],
    ['shared code', 'shared/editor/extensions.ts', 'export const extensions = [1];'],
    ['the installed versions', 'package-lock.json', '{"lockfileVersion":3,"x":1}'],
    ['the build setup', 'vite.config.ts', 'export default { base: "/" };'],
  ])('rebuilds after a change to %s', (_what, file, text) => {
    writeClientStamp(root);
    write(file, text);
    expect(clientIsUpToDate(root)).toBe(false);
  });

  it('does not rebuild for a test file or server code', () => {
    writeClientStamp(root);
    write('client/src/app/routes.test.ts', 'it()');
    write('server/src/main.ts', 'start()');
    expect(clientIsUpToDate(root)).toBe(true);
  });

  it('rebuilds when dist/client is some other build, or missing', () => {
    writeClientStamp(root);
    write('dist/client/index.html', '<script src="/assets/index-BBB.js"></script>');
    expect(clientIsUpToDate(root)).toBe(false);
    fs.rmSync(path.join(root, 'dist/client'), { recursive: true });
    expect(clientIsUpToDate(root)).toBe(false);
  });
});
