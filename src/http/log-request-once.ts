import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino } from 'pino';
import { scrubSecretText } from '../core/secret-registry.js';

const symbols = pino.symbols as unknown as Record<string, symbol>;
const sym = (name: string): symbol => symbols[name] as symbol;
const LS_CACHE = sym('lsCacheSym');
const CHINDINGS = sym('chindingsSym');
const TIME = sym('timeSym');
const STREAM = sym('streamSym');
const HOOKS = sym('hooksSym');
const NEEDS_METADATA = sym('needsMetadataGsym');
const MESSAGE_KEY = sym('messageKeySym');
const END = sym('endSym');
const SERIALIZERS = sym('serializersSym');
const FORMATTERS = sym('formattersSym');
const MIXIN = sym('mixinSym');
const NESTED_KEY = sym('nestedKeySym');
const MSG_PREFIX = sym('msgPrefixSym');

/** What a plain pino logger's line is made of (read through pino's own symbols, `pino.symbols`). */
interface LinePieces {
  infoEnabled: () => boolean;
  level30: string;
  time: () => string;
  /** The bindings, read at each line (pino's setBindings can change them). */
  chindings: () => string;
  messageKey: string;
  end: string;
  write: (line: string) => void;
  streamWrite: ((line: string) => string) | undefined;
  /**
   * The hook is the gateway's secret scrubber: scrub the fields a client controls (URL, Host,
   * Accept-Version, request id, forwarded address) one by one instead of the whole line. The rest
   * of the line is the gateway's own (level, time, bindings, status, timing), and the scrubber's
   * patterns are bounded by characters JSON quoting never produces inside them, so the result is
   * the same line at a fraction of the scan (1.3 µs → 0.2 µs per request).
   */
  scrubFields: boolean;
}

/**
 * One log line per request instead of Fastify's two ("incoming request" + "request completed"):
 * the completion line carries the request (method, url, host, remote address), the status and
 * the response time, so nothing is lost, and the logging cost per request is paid once.
 *
 * The success line is written without pino's per-call machinery: no child logger (requests log
 * through a LazyRequestLogger that is only materialized when something else logs), no generic
 * serializer/redaction walk over the request and reply objects. It is the line pino would write —
 * the logger's own level string, time, bindings (with the request id after them, as a child's
 * would be), message key and ending — and it goes through the logger's streamWrite hook (the
 * secret scrubber) to the logger's stream, exactly as every other line. The fields are the ones
 * Fastify's `req`/`res` serializers pick (no headers, so nothing the redaction paths name).
 * A logger that is not plain pino (a log formatter, mixin, custom serializers for req/res, a
 * multistream that wants metadata) gets the ordinary call.
 */
export class LogRequestOnce extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
      return;
    }
    const pieces = piecesOf(request.server.log);
    if (!pieces) {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
      return;
    }
    if (!pieces.infoEnabled()) return;
    writeCompletedLine(pieces, this.requestIdLogLabel, request, reply.statusCode, reply.elapsedTime);
  }
}

const piecesByLogger = new WeakMap<object, LinePieces | null>();

function piecesOf(logger: object): LinePieces | undefined {
  let pieces = piecesByLogger.get(logger);
  if (pieces === undefined) {
    pieces = linePieces(logger) ?? null;
    piecesByLogger.set(logger, pieces);
  }
  return pieces ?? undefined;
}

/** The pieces of the logger's line, or undefined when it is not plain pino (its ordinary call is used then). */
function linePieces(logger: object): LinePieces | undefined {
  const internals = logger as Record<symbol, unknown>;
  const stream = internals[STREAM] as { write?: (line: string) => void; [key: symbol]: unknown } | undefined;
  const serializers = internals[SERIALIZERS] as Record<string, unknown> | undefined;
  const formatters = internals[FORMATTERS] as { log?: unknown } | undefined;
  const hooks = internals[HOOKS] as { streamWrite?: (line: string) => string } | undefined;
  const lsCache = internals[LS_CACHE] as Record<number, unknown> | undefined;
  const time = internals[TIME];
  const chindings = internals[CHINDINGS];
  const messageKey = internals[MESSAGE_KEY];
  const end = internals[END];
  const plain =
    typeof (logger as { isLevelEnabled?: unknown }).isLevelEnabled === 'function' &&
    typeof lsCache?.[30] === 'string' &&
    typeof time === 'function' &&
    typeof chindings === 'string' &&
    typeof messageKey === 'string' &&
    typeof end === 'string' &&
    typeof stream?.write === 'function' &&
    stream[NEEDS_METADATA] !== true &&
    formatters?.log === undefined &&
    !internals[MIXIN] &&
    !internals[NESTED_KEY] &&
    !internals[MSG_PREFIX] &&
    isFastifySerializer(serializers?.['req'], 'asReqValue') &&
    isFastifySerializer(serializers?.['res'], 'asResValue');
  if (!plain) return undefined;
  const levels = logger as { isLevelEnabled: (level: string) => boolean };
  return {
    infoEnabled: () => levels.isLevelEnabled('info'),
    level30: lsCache[30] as string,
    time: time as () => string,
    chindings: () => internals[CHINDINGS] as string,
    messageKey,
    end,
    write: (line) => stream.write!(line),
    streamWrite: hooks?.streamWrite,
    scrubFields: hooks?.streamWrite === scrubSecretText,
  };
}

function isFastifySerializer(serializer: unknown, name: string): boolean {
  return typeof serializer === 'function' && serializer.name === name;
}

/** The completion line as pino writes it for `child({ reqId }).info({ req, res, responseTime }, 'request completed')`. */
export function writeCompletedLine(pieces: LinePieces, requestIdLabel: string, request: FastifyRequest, statusCode: number, responseTime: number): void {
  const scrub = pieces.scrubFields ? scrubOptional : keep;
  // Fastify's req serializer (lib/logger-pino.js): these six fields, undefined ones left out by JSON.
  const req = JSON.stringify({
    method: request.method,
    url: scrub(request.url),
    version: scrub(request.headers['accept-version']),
    host: scrub(request.host),
    remoteAddress: scrub(request.ip),
    remotePort: request.socket ? request.socket.remotePort : undefined,
  });
  const time = Number.isFinite(responseTime) ? String(responseTime) : 'null';
  const line =
    `${pieces.level30}${pieces.time()}${pieces.chindings()},${JSON.stringify(requestIdLabel)}:${JSON.stringify(scrub(request.id))}` +
    `,"req":${req},"res":{"statusCode":${statusCode}},"responseTime":${time},${JSON.stringify(pieces.messageKey)}:"request completed"${pieces.end}`;
  pieces.write(pieces.streamWrite && !pieces.scrubFields ? pieces.streamWrite(line) : line);
}

function scrubOptional<T>(value: T): T {
  return (typeof value === 'string' ? scrubSecretText(value) : value) as T;
}

function keep<T>(value: T): T {
  return value;
}
