import { GatewayError } from '../core/errors/gateway-error.js';
import type { InferenceContext, InferenceExchange, ResponseStream } from '../pipeline/inference-context.js';

/** An error as the client would see it: status, headers and OpenRouter's envelope (http/to-error-reply.ts, injected). */
export type DescribeError = (error: unknown) => { status: number; headers: Record<string, string>; body: { error: { code: number; message: string; metadata?: Record<string, unknown> } } };

/** What the pipeline answered for one batch line. */
export interface LineAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * A Batch API line as an inference exchange: the body is the line's request, the caller is the
 * key that submitted the batch (by hash: the plaintext key is never kept), and what the pipeline
 * writes back is captured for the output or error file instead of going to a socket.
 */
export class BatchExchange implements InferenceExchange {
  readonly headers: Record<string, string | string[] | undefined> = {};
  readonly body: unknown;
  readonly batchKeyHash: string;
  readonly batchId: string;
  readonly #describeError: DescribeError;
  #answer: LineAnswer | undefined;
  #closeListeners: Array<(finished: boolean) => void> = [];

  constructor(options: { body: unknown; keyHash: string; batchId: string; describeError: DescribeError }) {
    this.body = options.body;
    this.batchKeyHash = options.keyHash;
    this.batchId = options.batchId;
    this.#describeError = options.describeError;
  }

  /** The captured answer, once the pipeline wrote one. */
  get answer(): LineAnswer | undefined {
    return this.#answer;
  }

  get ended(): boolean {
    return this.#answer !== undefined;
  }

  onClose(listener: (finished: boolean) => void): void {
    this.#closeListeners.push(listener);
  }

  /** Aborts the line as a client disconnect would (the gateway is stopping). */
  abort(): void {
    for (const listener of this.#closeListeners.splice(0)) listener(false);
  }

  takeOver(): void {}

  writeJson(status: number, headers: Record<string, string>, body: unknown): string | undefined {
    if (this.#answer) return undefined;
    const text = JSON.stringify(body);
    this.#answer = { status, headers, body: JSON.parse(text) as unknown };
    return text;
  }

  writeJsonText(headers: Record<string, string>, text: string): void {
    if (!this.#answer) this.#answer = { status: 200, headers, body: JSON.parse(text) as unknown };
  }

  openStream(): ResponseStream {
    // Lines asking to stream are refused before they reach the pipeline (parse-batch-input.ts).
    throw new GatewayError('invalid_request', { message: 'Batch requests cannot stream' });
  }

  fail(error: unknown, ctx: InferenceContext): void {
    if (ctx.abort.signal.aborted) {
      // The gateway is stopping: the line did not run to an end (it runs again on resume).
      ctx.cancelled = true;
      ctx.status = 499;
      this.writeJson(499, ctx.responseHeaders, { error: { code: 499, message: 'The gateway stopped while this request ran' } });
      return;
    }
    const { status, headers, body } = this.#describeError(error);
    ctx.status = status;
    if (ctx.finishReason === null && ctx.firstByteAt !== undefined) ctx.finishReason = 'error';
    this.writeJson(status, { ...ctx.responseHeaders, ...headers }, body);
  }
}
