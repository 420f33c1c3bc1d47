import type { FastifyInstance, FastifyRequest } from 'fastify';
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
  const parser: ContentTypeParserFn = (request, body, done) => {
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
  };
  app.addContentTypeParser('*', { parseAs: 'string' }, parser);
  // The same parser under the usual type too: Fastify caches the parser of a content type it finds by
  // name, but looks the catch-all up again (parsing the header into a ContentType) on every request.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parser);
}

type ContentTypeParserFn = (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) => void;

/**
 * True when `value` nests arrays/objects deeper than `max`. Iterative, so any depth is safe to
 * check, and allocation-free apart from the two stacks: it runs on every request body.
 */
function nestingDepthExceeds(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > max) return true;
    for (const key in node) {
      const child = node[key];
      if (child !== null && typeof child === 'object') {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
