import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayError, InvalidRequestError } from '../core/errors/gateway-error.js';
import { toErrorReply } from './to-error-reply.js';

/**
 * Node's HTTP parser refused the request before any route saw it (a header line without a colon,
 * a non-numeric Content-Length, headers over the size limit, a request that took too long):
 * answer in the gateway's error envelope, as every other error, then close the connection.
 * Fastify's `clientErrorHandler`.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, body } = toErrorReply(toGatewayError(error));
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

function toGatewayError(error: Error & { code?: string }): GatewayError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError('headers_too_large', { message: 'Request headers are larger than the server accepts (16 KB).' });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return new GatewayError('request_timeout', { message: 'The request was not received in time.' });
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return new InvalidRequestError('Malformed HTTP request: invalid Content-Length header.', { metadata: { parser_error: error.code } });
    default:
      return new InvalidRequestError(`Malformed HTTP request${error.code ? ` (${error.code})` : ''}.`, { metadata: { parser_error: error.code ?? null } });
  }
}
