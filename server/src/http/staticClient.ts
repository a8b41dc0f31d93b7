import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import express from 'express';

/**
 * The built client: compressed (brotli, else gzip) for browsers that accept it, hashed files
 * (Vite's `assets/name-HASH.ext`) cached for a year as immutable, `index.html` revalidated on
 * every load so a new build is picked up at once. Compressed bodies are made once per file
 * version and kept in memory (the client is a few MB).
 */

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text worth compressing; fonts and images are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.webmanifest']);
/**
 * Brotli's quality 11 is ~8% smaller but takes seconds for the editor's chunk on a busy small
 * server, which the first user after a start would wait for; 6 takes tens of milliseconds.
 */
const BROTLI_QUALITY = 6;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const NOT_HASHED = 'public, max-age=3600';

export type Encoding = 'br' | 'gzip';

/** The best encoding the `Accept-Encoding` header allows (q=0 refuses one), or null. */
export function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!, q ? Number(q.slice(2)) || 0 : 1);
  }
  const allowed = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allowed('br')) return 'br';
  if (allowed('gzip')) return 'gzip';
  return null;
}

/** `assets/…` files carry a content hash in their name: the same URL is the same bytes forever. */
function cacheControlFor(relative: string): string {
  if (relative === 'index.html') return 'no-cache';
  return relative.startsWith('assets/') ? IMMUTABLE : NOT_HASHED;
}

interface Cached {
  version: string;
  bodies: Map<Encoding, Promise<Buffer>>;
}

class CompressedFiles {
  private readonly files = new Map<string, Cached>();

  body(file: string, version: string, encoding: Encoding): Promise<Buffer> {
    let cached = this.files.get(file);
    if (!cached || cached.version !== version) {
      cached = { version, bodies: new Map() };
      this.files.set(file, cached);
    }
    let body = cached.bodies.get(encoding);
    if (!body) {
      body = readFile(file).then((raw) =>
        encoding === 'br'
          ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
          : gzip(raw, { level: 9 }),
      );
      // A failed read is not remembered: the next request tries again.
      body.catch(() => cached.bodies.delete(encoding));
      cached.bodies.set(encoding, body);
    }
    return body;
  }
}

/** Sends `relative` (inside `dir`) compressed when it is worth it and accepted; false otherwise. */
async function sendCompressed(req: express.Request, res: express.Response, dir: string, relative: string, files: CompressedFiles): Promise<boolean> {
  const extension = path.extname(relative).toLowerCase();
  if (!COMPRESSIBLE.has(extension)) return false;
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  if (!encoding) return false;
  const file = path.join(dir, relative);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  const version = versionOf(info);
  const etag = `W/"${version}-${encoding}"`;
  res.vary('Accept-Encoding');
  res.setHeader('Cache-Control', cacheControlFor(relative));
  res.setHeader('ETag', etag);
  res.type(extension);
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return true;
  }
  const body = await files.body(file, version, encoding);
  res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  if (req.method === 'HEAD') res.end();
  else res.end(body);
  return true;
}

async function warmUp(dir: string, files: CompressedFiles): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || !COMPRESSIBLE.has(path.extname(entry.name).toLowerCase())) continue;
    const file = path.join(entry.parentPath, entry.name);
    const info = await stat(file).catch(() => null);
    if (info) await files.body(file, versionOf(info), 'br').catch(() => undefined);
  }
}

function versionOf(info: { size: number; mtimeMs: number }): string {
  return `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`;
}

/** The path of a request inside `dir`, or null when it is not a plain file name there. */
function relativePath(dir: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.join(dir, decoded);
  if (!file.startsWith(dir + path.sep)) return null;
  return path.relative(dir, file).split(path.sep).join('/');
}

/** The built client with SPA fallback: every non-API GET that is not a file gets index.html. */
export function serveClient(app: express.Express, clientDir: string | undefined): void {
  const index = clientDir ? path.join(clientDir, 'index.html') : undefined;
  if (!clientDir || !index || !existsSync(index)) {
    app.get(/^(?!\/api\/).*/, (_req, res) => {
      res.status(503).type('text/plain').send('The client is not built. Run `npm run build` (npm start does this).');
    });
    return;
  }
  const dir = path.resolve(clientDir);
  const files = new CompressedFiles();
  // Compressed ahead of the first requests (in the background: zlib works off the main thread).
  void warmUp(dir, files);
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const relative = relativePath(dir, req.path);
    if (!relative || relative === 'index.html') return next();
    sendCompressed(req, res, dir, relative, files).then((sent) => (sent ? undefined : next()), next);
  });
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControlFor(path.relative(dir, file).split(path.sep).join('/'))),
    }),
  );
  // The build's own files are all there: a miss is a chunk of another build (a page loaded
  // before an upgrade), and the app's page in its place would fail as a script without a word.
  app.get(/^\/assets\//, (_req, res) => {
    res.status(404).setHeader('Cache-Control', 'no-store');
    res.type('text/plain').send('Not found: this file is not part of this build of Mahdar. Reload the page.');
  });
  app.get(/^(?!\/api\/).*/, (req, res, next) => {
    sendCompressed(req, res, dir, 'index.html', files).then((sent) => {
      if (sent) return;
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    }, next);
  });
}
