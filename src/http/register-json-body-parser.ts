import type { FastifyInstance } from 'fastify';
import { InvalidRequestError } from '../core/errors/gateway-error.js';

/**
 * Deepest nesting of arrays and objects a body may have. Real requests (tool JSON schemas,
 * structured outputs) stay far below it; a body nested thousands deep would overflow the stack
 * of every recursive walk after it (JSON.stringify, schema validation, hashing).
 */
export const MAX_BODY_DEPTH = 64;

/**
 * One body parser for every content type: the body is JSON whatever the `Content-Type` claims
 * (`text/plain`, `application/x-www-form-urlencoded` from `curl -d`, none), as on OpenRouter,
 * parsed with Fastify's prototype-poisoning-safe parser, then refused with a 400 when it nests
 * deeper than MAX_BODY_DEPTH. An empty body is an error only when it claims to be JSON.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text === '' && !/json/i.test(request.headers['content-type'] ?? '')) {
      done(null, undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(error, undefined);
      else if (nestingDepthExceeds(value, MAX_BODY_DEPTH)) {
        done(new InvalidRequestError(`Request body nests arrays and objects deeper than ${MAX_BODY_DEPTH} levels.`), undefined);
      } else done(null, value);
    });
  });
}

/** True when `value` nests arrays/objects deeper than `max`; iterative, so any depth is safe to check. */
function nestingDepthExceeds(value: unknown, max: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}
