import http from 'node:http';
import { ApiClient, type ApiResponse } from './apiClient.js';

/**
 * A REST client that connects from a given loopback address (127.0.0.0/8 is all local on
 * Linux), so that a test can be several machines or a NAT, and that keeps every cookie the
 * server sets (session and device), like one browser.
 */
export class AddressedClient extends ApiClient {
  private readonly jar = new Map<string, string>();

  constructor(
    baseUrl: string,
    readonly localAddress: string,
  ) {
    super(baseUrl);
  }

  /** Another browser on the same machine: same address, no cookies. */
  freshBrowser(): AddressedClient {
    return new AddressedClient(this.baseUrl, this.localAddress);
  }

  /** The same browser (its cookies) on another network. */
  movedTo(localAddress: string): AddressedClient {
    const moved = new AddressedClient(this.baseUrl, localAddress);
    for (const [name, value] of this.jar) moved.jar.set(name, value);
    moved.cookie = this.cookie;
    return moved;
  }

  signIn(email: string, password: string): Promise<ApiResponse<{ error?: { message: string } }>> {
    return this.request('POST', '/api/auth/login', { email, password });
  }

  override request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const url = new URL(this.baseUrl + path);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          localAddress: this.localAddress,
          agent: false,
          headers: {
            ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
            ...(cookie ? { cookie } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            for (const line of res.headers['set-cookie'] ?? []) {
              const [pair] = line.split(';');
              const eq = pair!.indexOf('=');
              const name = pair!.slice(0, eq);
              const value = pair!.slice(eq + 1);
              if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.jar.delete(name);
              else this.jar.set(name, value);
            }
            this.cookie = this.jar.has('mahdar_session') ? `mahdar_session=${this.jar.get('mahdar_session')}` : undefined;
            const text = Buffer.concat(chunks).toString('utf8');
            const isJson = (res.headers['content-type'] ?? '').includes('application/json') && text !== '';
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (typeof value === 'string') responseHeaders.set(name, value);
            }
            resolve({ status: res.statusCode!, body: (isJson ? JSON.parse(text) : text) as T, headers: responseHeaders });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
}
