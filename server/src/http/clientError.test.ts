import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test/testServer.js';

const t = useTestServer();

/** Sends `raw` on a new connection and returns all the server answers before closing it. */
function rawRequest(raw: string): Promise<string> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(raw);
  });
}

describe('requests refused before they reach a route get the JSON error of every API answer', () => {
  it('a URL over the header limit: 431 with a message naming it', async () => {
    const res = await fetch(`${t.url}/api/search?q=${'محضر'.repeat(3000)}`, { headers: { cookie: t.admin.cookie! } });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_large');
    expect(body.error.message).toMatch(/URL or a cookie is too long/);
  });

  it('a request line that is not HTTP: 400 in JSON, and the server goes on answering', async () => {
    const answer = await rawRequest('GET /api/me HTTP/1.1 EXTRA\r\nHost: x\r\n\r\n');
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain('Content-Type: application/json; charset=utf-8');
    expect(JSON.parse(body!)).toEqual({ error: { code: 'invalid', message: 'The request is not valid HTTP.' } });
    expect((await fetch(`${t.url}/api/healthz`)).status).toBe(200);
  });
});
