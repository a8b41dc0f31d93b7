import type { ApiErrorBody, ErrorParams } from '../../../shared/api/errors.js';

/** A non-2xx answer (or no answer: `status` 0) from the REST API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    /** From `Retry-After` (429, 503): how long to wait. */
    readonly retryAfterSeconds?: number,
    /** Values for the code's message (`seconds`, sizes). */
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/**
 * Called when a request made while signed in answers 401 (session expired or revoked), so the
 * app can drop what it shows and go to the login page.
 */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

export interface RequestOptions {
  /** A 401 from this request is an expected answer (login, /api/me), not a lost session. */
  expect401?: boolean;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.code === 'string') {
      const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
      const params = body.error.params && typeof body.error.params === 'object' ? body.error.params : {};
      return new ApiError(
        response.status,
        body.error.code,
        body.error.message ?? '',
        body.error.issues ?? [],
        Number.isFinite(retryAfter) ? retryAfter : undefined,
        params,
      );
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through.
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText);
}

/** The successful response, or the ApiError of a failed one (a 401 signs the page out unless expected). */
async function send(method: string, path: string, body: unknown, options: RequestOptions, accept: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept } : { accept, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && !options.expect401) onUnauthorized?.();
    throw error;
  }
  return response;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, body, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A plain-text answer (a version's text), as it is: parsed as JSON it failed. Errors as `request`. */
export async function requestText(path: string): Promise<string> {
  return (await send('GET', path, undefined, {}, 'text/plain')).text();
}

/**
 * The file name a `Content-Disposition` header gives: `filename*` (RFC 5987, UTF-8, may hold
 * Arabic) first, else the plain `filename`; null without one.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2]!.trim());
    } catch {
      // Badly encoded: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]?.trim()) : null;
  return name || null;
}

/** A file from the API (an export): the body and the name the server suggests. Errors as `request`. */
export async function download(path: string): Promise<{ blob: Blob; fileName: string | null }> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'GET', credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401) onUnauthorized?.();
    throw error;
  }
  return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('content-disposition')) };
}
