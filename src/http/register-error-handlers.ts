import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, InvalidRequestError, NotFoundError } from '../core/errors/gateway-error.js';
import { toErrorReply, type ErrorReply } from './to-error-reply.js';

/**
 * Every failure leaves in OpenRouter's envelope with a status and a message a person can
 * act on: framework errors (bad JSON, empty or oversized body, wrong media type) are mapped
 * here; anything unexpected is logged and masked as a 500.
 */
export function registerErrorHandlers(app: FastifyInstance, options: { bodyLimitBytes: number }): void {
  app.setErrorHandler(createErrorHandler(options));
  app.setNotFoundHandler((request, reply) => {
    const { status, body } = toErrorReply(new NotFoundError(`No route for ${request.method} ${request.url.split('?')[0]}`));
    void reply.code(status).send(body);
  });
}

/**
 * The error handler itself; a route scope with another envelope (Anthropic's /messages)
 * installs one with its own `encodeBody`.
 */
export function createErrorHandler(options: { bodyLimitBytes: number; encodeBody?: (reply: ErrorReply) => unknown }) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const mapped = mapFrameworkError(error, options.bodyLimitBytes);
    if (!(mapped instanceof GatewayError)) request.log.error({ err: error }, 'unhandled error');
    const errorReply = toErrorReply(mapped);
    void reply.code(errorReply.status).headers(errorReply.headers).send(options.encodeBody?.(errorReply) ?? errorReply.body);
  };
}

function mapFrameworkError(error: FastifyError, bodyLimitBytes: number): unknown {
  if (error instanceof GatewayError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError('payload_too_large', { message: `Request body is larger than the ${bodyLimitBytes} byte limit.` });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new InvalidRequestError('Request body is empty; send a JSON object.', { code: 'invalid_json' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new InvalidRequestError(`Request body is not valid JSON: ${error.message}`, { code: 'invalid_json' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError('unsupported_media_type', { message: 'Send the body as JSON with "Content-Type: application/json".' });
    default:
      break;
  }
  if (error instanceof SyntaxError) return new InvalidRequestError(`Request body is not valid JSON: ${error.message}`, { code: 'invalid_json' });
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new InvalidRequestError(error.message, { status: error.statusCode });
  }
  return error;
}
