import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiErrorBody } from '../../../shared/api/errors.js';

/**
 * Requests Node's parser refuses before express sees them (a URL or cookie over the 16 kB header
 * limit, a malformed request line) get the API's JSON error, not Node's empty 431/400: the client
 * (and whoever reads a proxy's log) learns what was wrong.
 */
function replyFor(code: string | undefined): { status: number; text: string; body: ApiErrorBody } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        text: 'Request Header Fields Too Large',
        body: { error: { code: 'too_large', message: 'The request line and headers are too large (over 16 kB): a URL or a cookie is too long.' } },
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, text: 'Request Timeout', body: { error: { code: 'invalid', message: 'The request was not received in time.' } } };
    default:
      return { status: 400, text: 'Bad Request', body: { error: { code: 'invalid', message: 'The request is not valid HTTP.' } } };
  }
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
    // A reset connection, or one already answering a request, has nobody to read a reply.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket.bytesWritten ?? 0) > 0) {
      socket.destroy();
      return;
    }
    const { status, text, body } = replyFor(error.code);
    const json = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${json}`,
    );
  });
}
