import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, negotiateEncoding, serveClient } from './staticClient.js';

/** A built client as Vite lays it out: index.html, hashed assets, an unhashed file. */
const script = `export const minutes = ${JSON.stringify('محضر الاجتماع '.repeat(2000))};\n`;
let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mahdar-static-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body>${' '.repeat(2000)}</body></html>`);
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), script);
  fs.writeFileSync(path.join(dir, 'assets', 'font-XyZ789.woff2'), Buffer.alloc(4096, 7));
  fs.writeFileSync(path.join(dir, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(300)}</svg>`);
  const app = express();
  serveClient(app, dir);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** fetch() would decode the body itself; node's http keeps the bytes as sent. */
async function get(pathname: string, headers: Record<string, string> = {}) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(`${base}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('the built client', () => {
  it('sends hashed scripts brotli-compressed, cached as immutable for a year', async () => {
    const res = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file, as the browser accepts', async () => {
    const gz = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('/assets/index-AbC123.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('answers a repeated request with 304 when the browser has that version', async () => {
    const first = await get('/assets/index-AbC123.js', { 'accept-encoding': 'br' });
    const again = await get('/assets/index-AbC123.js', { 'accept-encoding': 'br', 'if-none-match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('revalidates index.html on every load (a new build shows at once), for the app routes too', async () => {
    for (const pathname of ['/', '/meetings/3f1c', '/action-items']) {
      const res = await get(pathname, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(zlib.brotliDecompressSync(res.body).toString()).toContain('/assets/index-AbC123.js');
    }
  });

  it('answers 404 for a built file that is not there (an older build’s chunk), never the app’s page', async () => {
    // A page loaded before a new build asks for its own chunks: the page in their place would be
    // refused as a script by the browser, and say nothing; a 404 says what happened.
    for (const pathname of ['/assets/MinutesEditor-Old123.js', '/assets/missing.css']) {
      const res = await get(pathname, { 'accept-encoding': 'br' });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.toString()).toContain('not part of this build');
    }
  });

  it('does not recompress what is compressed already, and keeps unhashed files short-lived', async () => {
    const font = await get('/assets/font-XyZ789.woff2', { 'accept-encoding': 'br' });
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['cache-control']).toBe(IMMUTABLE);
    const icon = await get('/favicon.svg', { 'accept-encoding': 'br' });
    expect(icon.headers['content-encoding']).toBe('br');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('never serves a file outside the client directory', async () => {
    const res = await get('/assets/..%2f..%2f..%2fetc%2fpasswd', { 'accept-encoding': 'br' });
    expect(res.body.toString()).not.toContain('root:');
  });
});

describe('negotiateEncoding', () => {
  it.each([
    [undefined, null],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', null],
    ['gzip;q=0, br;q=0', null],
  ])('%s → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});
