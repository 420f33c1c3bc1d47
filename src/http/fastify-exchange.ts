import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { InferenceContext, InferenceExchange } from '../pipeline/inference-context.js';
import { withRouterMetadata } from '../pipeline/router-metadata.js';
import { RequestAbortedError } from '../upstream/upstream-client.js';
import type { InboundCodec } from './codecs/inbound-codec.js';
import { SocketSseSink } from './socket-sse-sink.js';
import { toErrorReply } from './to-error-reply.js';
import { logErrorReply } from './log-error-reply.js';

/** One inference request over Fastify: what the pipeline reads, and the bytes it writes back. */
export class FastifyExchange implements InferenceExchange {
  readonly #request: FastifyRequest;
  readonly #reply: FastifyReply;
  readonly #codec: InboundCodec;
  readonly #keepaliveMs: number;

  constructor(options: { request: FastifyRequest; reply: FastifyReply; codec: InboundCodec; keepaliveMs: number }) {
    this.#request = options.request;
    this.#reply = options.reply;
    this.#codec = options.codec;
    this.#keepaliveMs = options.keepaliveMs;
  }

  get headers() {
    return this.#request.headers;
  }

  get body(): unknown {
    return this.#request.body;
  }

  get ended(): boolean {
    return this.#reply.raw.writableEnded;
  }

  onClose(listener: (finished: boolean) => void): void {
    const raw = this.#reply.raw;
    raw.once('close', () => listener(raw.writableFinished));
  }

  takeOver(): void {
    this.#reply.hijack();
  }

  writeJson(status: number, headers: Record<string, string>, body: unknown): string | undefined {
    const raw = this.#reply.raw;
    if (raw.writableEnded || raw.destroyed) return undefined;
    const text = JSON.stringify(body);
    raw.writeHead(status, jsonHeaders(headers, text));
    raw.end(text);
    return text;
  }

  writeJsonText(headers: Record<string, string>, text: string): void {
    const raw = this.#reply.raw;
    if (raw.writableEnded || raw.destroyed) return;
    raw.writeHead(200, jsonHeaders(headers, text));
    raw.end(text);
  }

  openStream(headers: Record<string, string>): SocketSseSink {
    return new SocketSseSink(this.#reply.raw, { keepaliveMs: this.#keepaliveMs, headers, framing: this.#codec.sseFraming });
  }

  fail(error: unknown, ctx: InferenceContext): void {
    const sink = ctx.sink;
    const reply = this.#reply;
    if (error instanceof RequestAbortedError || ctx.abort.signal.aborted) {
      ctx.cancelled = true;
      ctx.status = 499;
      if (sink && !sink.closed && sink.started) {
        void sink.send(this.#codec.createStreamEncoder(ctx).encodeError({ code: 503, message: 'The gateway is shutting down; the request was cancelled' }));
      }
      sink?.end();
      if (!sink && !reply.raw.writableEnded && !reply.raw.destroyed) reply.raw.destroy();
      return;
    }
    if (!(error instanceof GatewayError)) this.#request.log.error({ err: error }, 'unhandled inference error');
    const { status, headers: errorHeaders, body } = toErrorReply(error);
    logErrorReply(this.#request.log, error, status, body.error.message);
    ctx.status = status;
    if (ctx.finishReason === null && ctx.firstByteAt !== undefined) ctx.finishReason = 'error';
    if (sink && sink.started) {
      // Bytes already went out: the status is committed, so the error travels in-band.
      void sink.send(this.#codec.createStreamEncoder(ctx).encodeError(body.error)).finally(() => sink.end());
      return;
    }
    sink?.abandon();
    this.writeJson(status, { ...ctx.responseHeaders, ...errorHeaders }, this.#codec.encodeError?.({ status, headers: errorHeaders, body }) ?? withRouterMetadata(ctx, body));
  }
}

/**
 * The response headers with a JSON body's type and length. Object.assign, not `{ ...headers, … }`:
 * V8 11 (Node 20) adds each member after a spread copy through a slow path, about 2 µs each; the
 * same object, in the same key order.
 */
function jsonHeaders(headers: Record<string, string>, text: string): Record<string, string | number> {
  const all: Record<string, string | number> = Object.assign({}, headers);
  all['content-type'] = 'application/json; charset=utf-8';
  all['content-length'] = Buffer.byteLength(text);
  return all;
}
