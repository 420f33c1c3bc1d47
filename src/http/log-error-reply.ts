import type { FastifyBaseLogger } from 'fastify';
import { GatewayError } from '../core/errors/gateway-error.js';

/**
 * Every 4xx and 5xx the gateway answers is logged with its error code and reason, so an operator
 * reading the log sees why a client was refused, not only the status: 4xx at info (the client's
 * problem), 5xx at warn. The message is the one the client got (already scrubbed of secrets);
 * request bodies are never logged.
 */
export function logErrorReply(log: FastifyBaseLogger, error: unknown, status: number, message: string): void {
  const code = error instanceof GatewayError ? error.code : 'internal_error';
  const fields = { status, code, reason: message };
  if (status >= 500) log.warn(fields, 'request failed');
  else log.info(fields, 'request refused');
}
