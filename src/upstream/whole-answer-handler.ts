import { util, type Dispatcher } from 'undici';
import { UpstreamError } from '../core/errors/upstream-error.js';
import { UpstreamAnswerHandler } from './upstream-answer-handler.js';

/** An upstream answer read whole: status, body text, and headers parsed only when asked for. */
export class WholeAnswer {
  readonly status: number;
  readonly text: string;
  readonly #rawHeaders: Buffer[];
  #headers: Record<string, string | string[] | undefined> | undefined;

  constructor(status: number, rawHeaders: Buffer[], text: string) {
    this.status = status;
    this.#rawHeaders = rawHeaders;
    this.text = text;
  }

  /** The response headers (lower-case names), parsed on first use: a 200 answer never needs them. */
  get headers(): Record<string, string | string[] | undefined> {
    this.#headers ??= util.parseHeaders(this.#rawHeaders) as Record<string, string | string[] | undefined>;
    return this.#headers;
  }
}

export interface WholeAnswerLimits {
  /** Most bytes read of a 200 answer; more is an invalid response (a runaway or hostile upstream must not exhaust memory). */
  limitBytes: number;
  /** Most bytes read of any other answer (an error body); more, or a failed read, leaves its text empty. */
  errorLimitBytes: number;
}

/**
 * An undici dispatch handler that gathers a whole answer's body in memory: no body stream, no
 * async iterator and no header object for an answer whose headers nobody reads. `fail` turns a
 * transport error into the gateway's error (it is called once the handler is done, and for a
 * non-200 answer whose body could not be read in full the answer still resolves, with no text).
 */
export class WholeAnswerHandler extends UpstreamAnswerHandler implements Dispatcher.DispatchHandler {
  readonly #limits: WholeAnswerLimits;
  readonly #providerName: string;
  readonly #resolve: (answer: WholeAnswer) => void;
  readonly #fail: (error: unknown) => void;
  #status = 0;
  #rawHeaders: Buffer[] = [];
  #chunks: Buffer[] = [];
  #size = 0;
  #overLimit = false;

  constructor(options: { limits: WholeAnswerLimits; providerName: string; resolve: (answer: WholeAnswer) => void; fail: (error: unknown) => void }) {
    super();
    this.#limits = options.limits;
    this.#providerName = options.providerName;
    this.#resolve = options.resolve;
    this.#fail = options.fail;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.#status = statusCode;
    this.#rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#size += chunk.length;
    const limit = this.#status === 200 ? this.#limits.limitBytes : this.#limits.errorLimitBytes;
    if (this.#size > limit) {
      this.#overLimit = true;
      this.abortUpstream(new Error('answer over the size limit'));
      return false;
    }
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.released();
    const chunks = this.#chunks;
    const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, this.#size).toString('utf8');
    this.#resolve(new WholeAnswer(this.#status, this.#rawHeaders, text));
  }

  onError(error: Error): void {
    this.released();
    // An error body that could not be read in full still says who failed and with what status.
    if (this.#status !== 0 && this.#status !== 200) {
      this.#resolve(new WholeAnswer(this.#status, this.#rawHeaders, ''));
      return;
    }
    if (this.#overLimit) {
      this.#fail(
        new UpstreamError('upstream_invalid_response', {
          provider: this.#providerName,
          upstreamStatus: this.#status,
          retryable: true,
          message: `Response from ${this.#providerName} exceeded ${this.#limits.limitBytes} bytes`,
        }),
      );
      return;
    }
    this.#fail(error);
  }
}
