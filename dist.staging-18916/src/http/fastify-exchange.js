import { GatewayError } from "../core/errors/gateway-error.js";
import { withRouterMetadata } from "../pipeline/router-metadata.js";
import { RequestAbortedError } from "../upstream/upstream-client.js";
import { SocketSseSink } from "./socket-sse-sink.js";
import { toErrorReply } from "./to-error-reply.js";
import { logErrorReply } from "./log-error-reply.js";
class FastifyExchange {
  #request;
  #reply;
  #codec;
  #keepaliveMs;
  constructor(options) {
    this.#request = options.request;
    this.#reply = options.reply;
    this.#codec = options.codec;
    this.#keepaliveMs = options.keepaliveMs;
  }
  get headers() {
    return this.#request.headers;
  }
  get body() {
    return this.#request.body;
  }
  get ended() {
    return this.#reply.raw.writableEnded;
  }
  onClose(listener) {
    const raw = this.#reply.raw;
    raw.once("close", () => listener(raw.writableFinished));
  }
  takeOver() {
    this.#reply.hijack();
  }
  writeJson(status, headers, body) {
    const raw = this.#reply.raw;
    if (raw.writableEnded || raw.destroyed) return void 0;
    const text = JSON.stringify(body);
    raw.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
    raw.end(text);
    return text;
  }
  writeJsonText(headers, text) {
    const raw = this.#reply.raw;
    if (raw.writableEnded || raw.destroyed) return;
    raw.writeHead(200, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
    raw.end(text);
  }
  openStream(headers) {
    return new SocketSseSink(this.#reply.raw, { keepaliveMs: this.#keepaliveMs, headers, framing: this.#codec.sseFraming });
  }
  fail(error, ctx) {
    const sink = ctx.sink;
    const reply = this.#reply;
    if (error instanceof RequestAbortedError || ctx.abort.signal.aborted) {
      ctx.cancelled = true;
      ctx.status = 499;
      if (sink && !sink.closed && sink.started) {
        void sink.send(this.#codec.createStreamEncoder(ctx).encodeError({ code: 503, message: "The gateway is shutting down; the request was cancelled" }));
      }
      sink?.end();
      if (!sink && !reply.raw.writableEnded && !reply.raw.destroyed) reply.raw.destroy();
      return;
    }
    if (!(error instanceof GatewayError)) this.#request.log.error({ err: error }, "unhandled inference error");
    const { status, headers: errorHeaders, body } = toErrorReply(error);
    logErrorReply(this.#request.log, error, status, body.error.message);
    ctx.status = status;
    if (ctx.finishReason === null && ctx.firstByteAt !== void 0) ctx.finishReason = "error";
    if (sink && sink.started) {
      void sink.send(this.#codec.createStreamEncoder(ctx).encodeError(body.error)).finally(() => sink.end());
      return;
    }
    sink?.abandon();
    this.writeJson(status, { ...ctx.responseHeaders, ...errorHeaders }, this.#codec.encodeError?.({ status, headers: errorHeaders, body }) ?? withRouterMetadata(ctx, body));
  }
}
export {
  FastifyExchange
};
//# sourceMappingURL=fastify-exchange.js.map
