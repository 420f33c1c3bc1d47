import { StringDecoder } from 'node:string_decoder';
import type { Dispatcher } from 'undici';
import type { SseEvent } from '../core/sse-event.js';
import { SseParser } from './parse-sse.js';
import { UpstreamAnswerHandler } from './upstream-answer-handler.js';
import { WholeAnswer } from './whole-answer-handler.js';

/** A streamed 200 answer: its server-sent events, one array per body read (never empty). */
export interface SseAnswer {
  status: 200;
  events: AsyncIterableIterator<SseEvent[]> & { return(): Promise<IteratorResult<SseEvent[]>> };
}

/**
 * Bytes read ahead of the relay before the upstream socket is paused (as a body stream's
 * high-water mark would): a client that does not read never makes the gateway hold more.
 */
const READ_AHEAD_BYTES = 64 * 1024;

const DONE: IteratorResult<SseEvent[]> = { done: true, value: undefined };

/**
 * An undici dispatch handler for an answer that may be a server-sent event stream, and the
 * iterator of its events. A 200 answer resolves at its headers with this object as `events`; the
 * body's events are parsed as each read arrives (no body stream, no async generator) and handed to
 * whoever awaits `next()`, or queued up to READ_AHEAD_BYTES, past which the socket is paused until
 * the relay catches up. Any other status resolves, once its body is read (up to
 * `errorLimitBytes`, else no text), as a WholeAnswer. `fail` turns a transport error into the
 * gateway's error.
 */
export class SseAnswerHandler extends UpstreamAnswerHandler implements Dispatcher.DispatchHandler, AsyncIterableIterator<SseEvent[]> {
  readonly #errorLimitBytes: number;
  readonly #resolve: (answer: SseAnswer | WholeAnswer) => void;
  readonly #fail: (error: unknown) => unknown;
  #status = 0;
  #rawHeaders: Buffer[] = [];
  #resume: (() => void) | undefined;
  #paused = false;
  /** The body of a non-200 answer. */
  #chunks: Buffer[] = [];
  #size = 0;
  /** A 200 answer's events not yet taken, with the bytes they came in. */
  #queue: SseEvent[][] = [];
  #queueBytes: number[] = [];
  #queuedBytes = 0;
  #waiting: { resolve: (result: IteratorResult<SseEvent[]>) => void; reject: (error: unknown) => void } | undefined;
  #ended = false;
  #error: unknown = undefined;
  #closed = false;
  #parser = new SseParser();
  #decoder = new StringDecoder('utf8');

  constructor(options: {
    errorLimitBytes: number;
    resolve: (answer: SseAnswer | WholeAnswer) => void;
    /** Rejects the answer's promise (before a 200's headers) and returns the error for the iterator. */
    fail: (error: unknown) => unknown;
  }) {
    super();
    this.#errorLimitBytes = options.errorLimitBytes;
    this.#resolve = options.resolve;
    this.#fail = options.fail;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    this.#status = statusCode;
    // Only an error answer is read for its headers (Retry-After); a stream's are not kept for its whole life.
    if (statusCode !== 200) this.#rawHeaders = rawHeaders;
    this.#resume = resume;
    if (statusCode === 200) this.#resolve({ status: 200, events: this });
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#status !== 200) {
      this.#size += chunk.length;
      if (this.#size > this.#errorLimitBytes) {
        this.abortUpstream(new Error('error body over the size limit'));
        return false;
      }
      this.#chunks.push(chunk);
      return true;
    }
    if (this.#closed) return true;
    const events = this.#parser.push(this.#decoder.write(chunk));
    if (events.length === 0) return true;
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      waiting.resolve({ done: false, value: events });
      return true;
    }
    this.#queue.push(events);
    this.#queueBytes.push(chunk.length);
    this.#queuedBytes += chunk.length;
    if (this.#queuedBytes <= READ_AHEAD_BYTES) return true;
    this.#paused = true;
    return false;
  }

  onComplete(): void {
    this.released();
    if (this.#status !== 200) {
      const chunks = this.#chunks;
      this.#resolve(new WholeAnswer(this.#status, this.#rawHeaders, Buffer.concat(chunks, this.#size).toString('utf8')));
      return;
    }
    const last = this.#parser.push(this.#decoder.end()).concat(this.#parser.end());
    this.#ended = true;
    if (this.#closed) return;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (last.length > 0) {
      if (waiting !== undefined) waiting.resolve({ done: false, value: last });
      else {
        this.#queue.push(last);
        this.#queueBytes.push(0);
      }
    } else waiting?.resolve(DONE);
  }

  onError(error: Error): void {
    this.released();
    // An error body that could not be read in full still says who failed and with what status.
    if (this.#status !== 0 && this.#status !== 200) {
      this.#resolve(new WholeAnswer(this.#status, this.#rawHeaders, ''));
      return;
    }
    const failure = this.#fail(error);
    if (this.#status === 0 || this.#closed) return;
    this.#ended = true;
    this.#error = failure;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting !== undefined) {
      this.#error = undefined;
      waiting.reject(failure);
    }
  }

  next(): Promise<IteratorResult<SseEvent[]>> {
    if (this.#queue.length > 0) {
      const value = this.#queue.shift() as SseEvent[];
      this.#queuedBytes -= this.#queueBytes.shift() as number;
      if (this.#paused && this.#queuedBytes <= READ_AHEAD_BYTES) {
        this.#paused = false;
        this.#resume?.();
      }
      return Promise.resolve({ done: false, value });
    }
    if (this.#error !== undefined) {
      const error = this.#error;
      this.#error = undefined;
      return Promise.reject(error);
    }
    if (this.#ended || this.#closed) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  /** The relay is done with the stream (finished, failed or cancelled): an unfinished upstream answer is abandoned. */
  return(): Promise<IteratorResult<SseEvent[]>> {
    if (!this.#closed) {
      this.#closed = true;
      this.#queue = [];
      this.#queueBytes = [];
      this.#queuedBytes = 0;
      if (!this.#ended) this.abort(new Error('the relay closed the stream'));
      this.#waiting?.resolve(DONE);
      this.#waiting = undefined;
    }
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
