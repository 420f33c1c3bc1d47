import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Router from 'find-my-way';
import { GatewayError, InvalidRequestError, NotFoundError } from '../core/errors/gateway-error.js';
import { toErrorReply, type ErrorReply } from './to-error-reply.js';
import { logErrorReply } from './log-error-reply.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Every failure leaves in OpenRouter's envelope with a status and a message a person can
 * act on: framework errors (bad JSON, empty or oversized body, wrong media type) are mapped
 * here; an unknown route is a 404 and a known route called with another method a 405 naming
 * the methods it takes; while the gateway stops, new requests get a 503 `shutting_down`;
 * anything unexpected is logged and masked as a 500. Malformed HTTP and bad URLs are answered
 * by answerClientError and handleFrameworkError (Fastify constructor options).
 */
export function registerErrorHandlers(app: FastifyInstance, options: { bodyLimitBytes: number; isStopping: () => boolean }): void {
  // The routes by method, to tell "no such route" (404) from "not with this method" (405).
  const routes = Router();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.on(method as (typeof METHODS)[number], route.url ?? route.path, () => undefined);
  });
  // Callback style, not async: an async hook costs every request a promise and a microtask hop.
  app.addHook('onRequest', (_request, reply, done) => {
    if (!options.isStopping()) {
      done();
      return;
    }
    void reply.header('connection', 'close');
    done(new GatewayError('shutting_down', { message: 'The gateway is shutting down; retry on another instance or in a moment.' }));
  });
  app.setErrorHandler(createErrorHandler(options));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((method) => method !== request.method && routes.find(method, path) !== null);
    const error =
      allowed.length > 0
        ? new GatewayError('method_not_allowed', { message: `${request.method} is not allowed on ${path}; use ${allowed.join(' or ')}`, metadata: { allowed } })
        : new NotFoundError(`No route for ${request.method} ${path}`);
    const { status, body } = toErrorReply(error);
    logErrorReply(request.log, error, status, body.error.message);
    if (allowed.length > 0) void reply.header('allow', allowed.join(', '));
    void reply.code(status).send(body);
  });
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot decode (bad percent-encoding) or a path
 * parameter over the router's length limit, answered in the envelope.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment of the URL is too long.' : `The URL is not valid: ${error.message}`;
  const refusal = new InvalidRequestError(message, { status: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400 });
  const { status, body } = toErrorReply(refusal);
  logErrorReply(request.log, refusal, status, body.error.message);
  void reply.code(status).send(body);
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
    logErrorReply(request.log, mapped, errorReply.status, errorReply.body.error.message);
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
