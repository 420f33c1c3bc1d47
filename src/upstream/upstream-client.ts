import { EventEmitter } from 'node:events';
import { Agent, type Dispatcher } from 'undici';
import { GatewayError } from '../core/errors/gateway-error.js';
import { UpstreamError, UpstreamTimeoutError } from '../core/errors/upstream-error.js';
import type { PhaseTimeouts } from '../core/provider-types.js';
import { registerSecret } from '../core/secret-registry.js';
import { WholeAnswerHandler, type WholeAnswer, type WholeAnswerLimits } from './whole-answer-handler.js';
import { SseAnswerHandler, type SseAnswer } from './sse-answer-handler.js';
import type { UpstreamAnswerHandler } from './upstream-answer-handler.js';

export interface UpstreamRequest {
  url: string;
  method?: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  timeouts: PhaseTimeouts;
  /** Aborted when the client goes away or the gateway stops. */
  signal: CancelSignal;
  /** Display name used in error metadata. */
  providerName: string;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
  /** Whether the total deadline passed; body readers check it to name the phase. */
  deadline: { readonly aborted: boolean };
}

/**
 * What the client reads of a request's abort signal: an AbortSignal, or anything as small that
 * says when the request was aborted (a pipeline request's RequestAbortController).
 */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The client went away (or the gateway is stopping); not an upstream failure. */
export class RequestAbortedError extends GatewayError {
  constructor() {
    super('shutting_down', { message: 'The request was cancelled', status: 499 });
  }
}

/**
 * The one HTTP client for every upstream: a shared undici Agent (keep-alive pools per
 * origin) and per-phase deadlines: connect (agent), first byte (headersTimeout), idle
 * between body chunks (bodyTimeout) and a total deadline (AbortSignal). Errors come out
 * as typed UpstreamErrors, so failover can decide without string matching.
 */
export class UpstreamClient {
  readonly #agents = new Map<number, Agent>();

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    registerCredentials(request);
    // One abort per attempt, fired by the client's signal or the total deadline; the timer is
    // cleared when the body ends, so no timer outlives the attempt.
    const controller = new AttemptAbort();
    const onAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
    const deadline = new AttemptDeadline();
    const timer = setTimeout(() => {
      deadline.aborted = true;
      controller.abort(new Error('total deadline'));
    }, request.timeouts.totalMs);
    const release = () => {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    };
    try {
      const response = await this.#agentFor(request.timeouts.connectMs).request({
        origin: originOf(request.url),
        path: pathOf(request.url),
        method: request.method ?? 'POST',
        headers: request.headers,
        body: request.body,
        signal: controller,
        headersTimeout: request.timeouts.firstByteMs,
        bodyTimeout: request.timeouts.idleMs,
      });
      response.body.once('close', release);
      return { status: response.statusCode, headers: response.headers, body: response.body, deadline };
    } catch (error) {
      release();
      throw toUpstreamError(error, { request, deadline });
    }
  }

  /**
   * Sends a request whose answer is read whole (a non-streamed completion, an error body):
   * through undici's dispatch with a handler that gathers the body, not through a body stream,
   * with the same deadlines, cancellation and error types as `send`. A 200 answer over
   * `limitBytes` is an invalid response; any other answer resolves with its status, and with no
   * text when its body was over `errorLimitBytes` or could not be read.
   */
  sendForText(request: UpstreamRequest, limits: WholeAnswerLimits): Promise<WholeAnswer> {
    return new Promise<WholeAnswer>((resolve, reject) => {
      const deadline = new AttemptDeadline();
      const fail = (error: unknown) => reject(toUpstreamError(error, { request, deadline }));
      this.#dispatch(request, new WholeAnswerHandler({ limits, providerName: request.providerName, resolve, fail }), deadline);
    });
  }

  /**
   * Sends a request whose 200 answer is a server-sent event stream, read through undici's dispatch
   * with a handler that parses each body read into events as it arrives (see SseAnswerHandler):
   * no body stream and no async generator between the socket and the relay. Same deadlines,
   * cancellation and error types as `send`; a non-200 answer resolves whole, as `sendForText`'s.
   */
  sendForEvents(request: UpstreamRequest, limits: Pick<WholeAnswerLimits, 'errorLimitBytes'>): Promise<SseAnswer | WholeAnswer> {
    return new Promise<SseAnswer | WholeAnswer>((resolve, reject) => {
      const deadline = new AttemptDeadline();
      const fail = (error: unknown) => {
        const failure = toUpstreamError(error, { request, deadline });
        reject(failure);
        return failure;
      };
      this.#dispatch(request, new SseAnswerHandler({ errorLimitBytes: limits.errorLimitBytes, resolve, fail }), deadline);
    });
  }

  /**
   * Dispatches with the attempt's total deadline and the request's cancel wired to the handler's
   * abort; both are released when the handler says the exchange is over.
   */
  #dispatch(request: UpstreamRequest, handler: UpstreamAnswerHandler & Dispatcher.DispatchHandler, deadline: AttemptDeadline): void {
    registerCredentials(request);
    const onAbort = () => handler.abort(request.signal.reason);
    const timer = setTimeout(() => {
      deadline.aborted = true;
      handler.abort(new Error('total deadline'));
    }, request.timeouts.totalMs);
    handler.onRelease(() => {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    });
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
    this.#agentFor(request.timeouts.connectMs).dispatch(this.#dispatchOptions(request), handler);
  }

  #dispatchOptions(request: UpstreamRequest): Dispatcher.DispatchOptions {
    return {
      origin: originOf(request.url),
      path: pathOf(request.url),
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.body,
      headersTimeout: request.timeouts.firstByteMs,
      bodyTimeout: request.timeouts.idleMs,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#agents.values()].map((agent) => agent.close()));
  }

  #agentFor(connectMs: number): Agent {
    let agent = this.#agents.get(connectMs);
    if (!agent) {
      agent = new Agent({ connect: { timeout: connectMs }, keepAliveTimeout: 30_000, connections: 256 });
      this.#agents.set(connectMs, agent);
    }
    return agent;
  }
}

/** Whether an attempt's total deadline passed (a plain field: an object literal with a getter costs a runtime call per attempt). */
class AttemptDeadline {
  aborted = false;
}

/**
 * What undici's `signal` option takes besides an AbortSignal: an EventEmitter with `aborted`
 * and `reason`. An AbortSignal costs ~6 µs to create in Node 20 (an EventTarget given
 * AbortSignal's prototype), one per upstream attempt; this costs next to nothing.
 */
class AttemptAbort extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/** Maps a transport error (connect, timeout, reset, abort) to a typed gateway error. */
export function toUpstreamError(
  error: unknown,
  context: { request: Pick<UpstreamRequest, 'providerName' | 'timeouts' | 'signal'>; deadline: { readonly aborted: boolean } },
): GatewayError {
  if (error instanceof GatewayError) return error;
  const { request, deadline } = context;
  const provider = request.providerName;
  const code = (error as { code?: string } | null)?.code;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new UpstreamTimeoutError({ provider, phase: 'connect', timeoutMs: request.timeouts.connectMs });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new UpstreamTimeoutError({ provider, phase: 'first_byte', timeoutMs: request.timeouts.firstByteMs });
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new UpstreamTimeoutError({ provider, phase: 'idle', timeoutMs: request.timeouts.idleMs });
  }
  if (request.signal.aborted) return new RequestAbortedError();
  if (deadline.aborted) return new UpstreamTimeoutError({ provider, phase: 'total', timeoutMs: request.timeouts.totalMs });
  return new UpstreamError('upstream_error', {
    provider,
    upstreamStatus: null,
    retryable: true,
    message: `Could not reach ${provider}: ${describeTransportError(error)}`,
    cause: error,
  });
}

function describeTransportError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} (${message})` : message;
}

function originOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? url : url.slice(0, start);
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

/** Headers that carry a credential in some provider's wire protocol. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'x-amz-security-token', 'proxy-authorization']);

/**
 * Credential header values already registered, so a provider key sent on every call is checked
 * with one lookup instead of a registration each time. SigV4 values (new on every call) are never
 * kept. Grows with the distinct credentials used, as the secret registry itself does. A value that
 * is registered here and later forgotten by the registry (a deleted BYOK key) is not registered
 * again; it can no longer be sent either, being deleted.
 */
const registeredValues = new Set<string>();

/**
 * Every credential that leaves for an upstream is registered for scrubbing as it is used: BYOK
 * keys once decrypted, OAuth tokens minted at run time, session tokens of assumed roles. An
 * upstream that echoes one back (in an error body, an HTML page, a broken stream) gets it redacted.
 */
function registerCredentials(request: UpstreamRequest): void {
  const headers = request.headers;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || registeredValues.has(value) || !CREDENTIAL_HEADERS.has(name.toLowerCase())) continue;
    // A SigV4 signature is new on every call and no secret: only its access key id is kept.
    const sigV4 = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)/.exec(value);
    if (sigV4) registerSecret(sigV4[1]);
    else if (!value.startsWith('AWS4-')) {
      registerSecret(value);
      registeredValues.add(value);
    }
  }
  const query = request.url.indexOf('?');
  if (query >= 0) registerSecret(new URLSearchParams(request.url.slice(query + 1)).get('key'));
}
