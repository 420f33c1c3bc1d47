import { wantsImageOutput } from '../core/canonical/generated-image.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { AllAttemptsFailedError, UpstreamError, UpstreamTimeoutError } from '../core/errors/upstream-error.js';
import type { UpstreamCall, WireAdapter } from '../protocols/wire-adapter.js';
import type { WireProtocolName } from '../core/provider-types.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import { endpointKey, type AttemptOutcome, type EndpointHealth } from '../routing/health/endpoint-health.js';
import type { PhaseTimeouts, Provider } from '../core/provider-types.js';
import type { ProviderAttempt } from '../stores/generation-store.js';
import type { GatewayMetrics } from '../telemetry/gateway-metrics.js';
import { attemptTraceHeaders } from '../telemetry/attempt-trace-headers.js';
import { readUpstreamText } from '../upstream/read-upstream-body.js';
import { loadEventStreamCodec, readUpstreamEventStream, type EventStreamCodec } from '../upstream/read-upstream-event-stream.js';
import { RequestAbortedError, type UpstreamClient, type UpstreamRequest } from '../upstream/upstream-client.js';
import type { InferenceContext } from './inference-context.js';
import { cancelSignalOf } from './request-abort-controller.js';
import type { DispatchOutcome } from './dispatch-outcome.js';
import type { SseEvent } from '../core/sse-event.js';

type DispatchStreamEvents = Extract<DispatchOutcome, { kind: 'stream' }>['rest'];

export type { DispatchOutcome };

export interface DispatchDeps {
  adapters: ReadonlyMap<WireProtocolName, WireAdapter>;
  client: UpstreamClient;
  metrics: GatewayMetrics;
  maxAttempts: number;
  /** Largest non-streaming upstream body accepted. */
  maxResponseBytes: number;
  /** Where each attempt's outcome is recorded (one call per attempt); none in bare unit setups. */
  health?: EndpointHealth;
  /** The whole request's deadline from its start, across every attempt (default: no extra bound). */
  requestDeadlineMs?: number;
  /** Clock and sleep, injectable for tests. */
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}


/** Shortest useful attempt: with less time left before the deadline, none is started. */
const MIN_ATTEMPT_MS = 50;
/** Concurrent upstream calls of one embeddings attempt (one call per input on Titan). */
const EMBEDDING_CALLS_AT_ONCE = 4;
/** Longest Retry-After the gateway waits out itself; longer ones go back to the client. */
const MAX_RETRY_WAIT_MS = 10_000;

/**
 * Tries the planned attempts in order until one answers. Before the first byte reaches the
 * client every retryable failure (transport, timeout, 5xx, 429, 529, invalid body, a stream
 * that dies before its first event) moves on to the next endpoint; a non-retryable one (a 400
 * from the provider, context length) skips the rest of that model's endpoints, so `models`
 * fallbacks still run. When the failing endpoint was the last one and it sent `Retry-After`
 * (≤ 10 s), a non-streamed request tries the same endpoint once more after that wait if it
 * fits in the deadline (a stream returns the error with its Retry-After at once instead).
 * Attempts are bounded by `maxAttempts` and by the deadline (each attempt's timeouts are
 * clipped to the time left); the request's abort signal stops everything.
 */
export async function dispatchWithFailover(ctx: InferenceContext, deps: DispatchDeps): Promise<DispatchOutcome> {
  const now = deps.now ?? Date.now;
  // The deadline counts from the request's arrival (wall clock), expressed on the injected clock.
  const deadlineAt = deps.requestDeadlineMs === undefined ? Infinity : now() + deps.requestDeadlineMs - Math.max(0, Date.now() - ctx.startedAt);
  const errors: GatewayError[] = [];
  let skipModel: string | undefined;
  let tried = 0;
  let waited = false;
  const plan = ctx.plan;
  for (let index = 0; index < plan.length; index += 1) {
    const attempt = plan[index] as RouteAttempt;
    if (tried >= deps.maxAttempts) break;
    if (attempt.model.model.id === skipModel) continue;
    if (deadlineAt - now() < MIN_ATTEMPT_MS) break;
    tried += 1;
    const startedAt = now();
    const wallStartedAt = Date.now();
    const key = endpointKey(attempt.model.model.id, attempt.endpoint.provider.id);
    try {
      const outcome = await tryAttempt(ctx, attempt, deps, { deadlineAt, now });
      const at = now();
      ctx.attempts.push(attemptRecord(attempt, 200, at - startedAt, wallStartedAt));
      // A workspace's own key says nothing about the shared endpoint's health (and its 401s must not trip it).
      if (!attempt.byok) deps.health?.record({ endpoint: key, outcome: 'success', at, ttftMs: at - startedAt });
      ctx.served = attempt;
      return outcome;
    } catch (error) {
      if (error instanceof RequestAbortedError || isAborted(ctx.abort)) throw new RequestAbortedError();
      const failure = error instanceof GatewayError ? error : new GatewayError('internal', { message: 'Internal error', cause: error });
      const upstreamStatus = failure instanceof UpstreamError ? (failure.upstreamStatus ?? 0) : 0;
      const at = now();
      ctx.attempts.push(attemptRecord(attempt, upstreamStatus || failure.status, at - startedAt, wallStartedAt));
      deps.metrics.recordUpstreamError({ provider: attempt.endpoint.provider.id, status: upstreamStatus });
      if (!attempt.byok) deps.health?.record({ endpoint: key, outcome: healthOutcome(failure, upstreamStatus), at });
      errors.push(failure);
      if (!failure.retryable) {
        skipModel = attempt.model.model.id;
        continue;
      }
      const waitMs = (failure.retryAfterSeconds ?? 0) * 1000;
      // Streams do not wait: keep-alives would commit a 200 and turn the error in-band.
      const worthWaiting = !ctx.stream && waitMs > 0 && waitMs <= MAX_RETRY_WAIT_MS && !waited && tried < deps.maxAttempts;
      if (worthWaiting && isLastCandidate(plan, index, skipModel) && at + waitMs + MIN_ATTEMPT_MS < deadlineAt) {
        waited = true;
        await (deps.sleep ?? sleepUnlessAborted)(waitMs, ctx.abort.signal);
        if (ctx.abort.signal.aborted) throw new RequestAbortedError();
        index -= 1; // the same endpoint again
      }
    }
  }
  if (errors.length === 0) {
    throw new UpstreamTimeoutError({ provider: plan[0]?.endpoint.provider.name ?? 'none', phase: 'total', timeoutMs: deps.requestDeadlineMs ?? 0 });
  }
  if (errors.length === 1) throw errors[0];
  throw new AllAttemptsFailedError(errors);
}

/** One attempt for /generation's provider_responses (`isByok` only when set, as the record has always had it). */
function attemptRecord(attempt: RouteAttempt, status: number, latencyMs: number, startedAt: number): ProviderAttempt {
  const record: ProviderAttempt = { provider: attempt.endpoint.provider.name, model: attempt.model.model.id, status, latencyMs, startedAt };
  if (attempt.byok) record.isByok = true;
  return record;
}

/** The attempt's deadline on the dispatch clock. */
interface AttemptClock {
  deadlineAt: number;
  now: () => number;
}

/** How an attempt's failure counts for the endpoint's health. */
function healthOutcome(failure: GatewayError, upstreamStatus: number): AttemptOutcome {
  if (upstreamStatus === 429 || failure.code === 'rate_limited') return 'rate_limited';
  // A request this endpoint cannot take (e.g. a remote image URL for Bedrock) is retried elsewhere
  // but says nothing about the endpoint's health.
  if (failure.code === 'invalid_request' || failure.code === 'context_length_exceeded') return 'rejected';
  return failure.retryable ? 'failure' : 'rejected';
}

/** No later attempt in the plan would run (all remaining ones belong to a skipped model). */
function isLastCandidate(plan: RouteAttempt[], index: number, skipModel: string | undefined): boolean {
  for (let next = index + 1; next < plan.length; next += 1) if (plan[next]?.model.model.id !== skipModel) return false;
  return true;
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}

async function tryAttempt(ctx: InferenceContext, attempt: RouteAttempt, deps: DispatchDeps, clock: AttemptClock): Promise<DispatchOutcome> {
  const { provider, upstreamModel } = attempt.endpoint;
  const base = deps.adapters.get(provider.protocol);
  const adapter = base && wantsImageOutput(ctx.request) ? (base.imageOutputFor?.(provider) ?? base) : base;
  if (!adapter) {
    throw new UpstreamError('upstream_error', { provider: provider.name, upstreamStatus: null, retryable: true, message: `Protocol ${provider.protocol} is not available` });
  }
  if (ctx.request.embeddings) return tryEmbeddings(ctx, attempt, adapter, deps, clock);
  const call = await adapter.buildCall({
    request: ctx.request,
    provider,
    upstreamModel,
    stream: ctx.stream,
    maxOutputTokens: attempt.endpoint.entry.max_completion_tokens,
  });
  // The stream decoder is loaded before the request leaves (see loadEventStreamCodec).
  const eventStreamCodec = ctx.stream && adapter.streamFraming === 'aws-eventstream' ? await loadEventStreamCodec() : undefined;
  const upstreamRequest = upstreamRequestOf(ctx, call, provider, clock);
  if (!ctx.stream) {
    const answer = await deps.client.sendForText(upstreamRequest, { limitBytes: deps.maxResponseBytes, errorLimitBytes: ERROR_BODY_LIMIT_BYTES });
    if (answer.status !== 200) throw readErrorAnswer(adapter, provider, answer);
    ctx.firstByteAt = Date.now();
    return { kind: 'result', result: adapter.readResult(answer.text, provider), adapter };
  }
  const rest = eventStreamCodec ? await sendForEventStream(deps, upstreamRequest, eventStreamCodec) : await sendForSse(deps, upstreamRequest);
  if (!('events' in rest)) throw readErrorAnswer(adapter, provider, rest);
  const { events } = rest;
  try {
    const first = await events.next();
    if (first.done || first.value.length === 0) {
      throw new UpstreamError('upstream_invalid_response', { provider: provider.name, upstreamStatus: 200, retryable: true, message: `${provider.name} closed the stream without sending anything` });
    }
    // Validate the first event now: a malformed or error first chunk can still fail over.
    const decoder = adapter.createStreamDecoder(provider);
    const firstDecoded = decoder.decode(first.value[0] as SseEvent);
    ctx.firstByteAt = Date.now();
    return { kind: 'stream', adapter, decoder, firstDecoded, first: first.value, rest: events };
  } catch (error) {
    // The attempt failed before the relay took the stream: the upstream answer is abandoned, not left open.
    await events.return(undefined);
    throw error;
  }
}

/** A server-sent event stream's answer: its events, or the whole non-200 answer. */
function sendForSse(deps: DispatchDeps, request: UpstreamRequest): Promise<{ events: DispatchStreamEvents } | ErrorAnswer> {
  return deps.client.sendForEvents(request, { errorLimitBytes: ERROR_BODY_LIMIT_BYTES });
}

/** An AWS binary event stream's answer (Bedrock), through a body stream and its decoder. */
async function sendForEventStream(deps: DispatchDeps, request: UpstreamRequest, codec: EventStreamCodec): Promise<{ events: DispatchStreamEvents } | ErrorAnswer> {
  const response = await deps.client.send(request);
  if (response.status !== 200) {
    const text = await readUpstreamText(response, { request, limitBytes: ERROR_BODY_LIMIT_BYTES }).catch(() => '');
    return { status: response.status, headers: response.headers, text };
  }
  return { events: readUpstreamEventStream(response, { request }, codec) };
}

/** One embeddings attempt: the protocol's embeddings call, a whole JSON answer, never a stream. */
async function tryEmbeddings(
  ctx: InferenceContext,
  attempt: RouteAttempt,
  adapter: WireAdapter,
  deps: DispatchDeps,
  clock: AttemptClock,
): Promise<DispatchOutcome> {
  const { provider, upstreamModel } = attempt.endpoint;
  const wire = adapter.embeddings;
  if (!wire) {
    throw new UpstreamError('upstream_error', { provider: provider.name, upstreamStatus: null, retryable: true, message: `${provider.name} (${provider.protocol}) serves no embeddings through this gateway` });
  }
  const calls = await wire.buildCalls({ request: ctx.request, provider, upstreamModel });
  const send = async (call: (typeof calls)[number]): Promise<string> => {
    const answer = await deps.client.sendForText(upstreamRequestOf(ctx, call, provider, clock), { limitBytes: deps.maxResponseBytes, errorLimitBytes: ERROR_BODY_LIMIT_BYTES });
    if (answer.status !== 200) throw readErrorAnswer(adapter, provider, answer);
    return answer.text;
  };
  // Upstreams that take one input per call (Titan) get a few calls at a time, answers kept in order.
  const bodies: string[] = [];
  for (let start = 0; start < calls.length; start += EMBEDDING_CALLS_AT_ONCE) {
    bodies.push(...(await Promise.all(calls.slice(start, start + EMBEDDING_CALLS_AT_ONCE).map(send))));
  }
  ctx.firstByteAt = Date.now();
  return { kind: 'embeddings', result: wire.readResult(bodies, provider, ctx.request.messages.length), adapter };
}

/** Most of an upstream error body that is read (its message and code are near the start). */
const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

/** A non-200 upstream answer, its body read whole (empty when it could not be). */
interface ErrorAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The protocol's error for a non-200 answer, with its Retry-After. */
function readErrorAnswer(adapter: WireAdapter, provider: Provider, answer: ErrorAnswer): Error {
  const { headers } = answer;
  const retryAfter = headers['retry-after'];
  return adapter.readError({ status: answer.status, bodyText: answer.text, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, provider, headers });
}

/** The attempt's call as the upstream client sends it: trace headers, timeouts clipped to the deadline, the request's abort. */
function upstreamRequestOf(ctx: InferenceContext, call: UpstreamCall, provider: Provider, clock: AttemptClock): UpstreamRequest {
  const traced = withTraceHeaders(ctx, call);
  return {
    url: traced.url,
    headers: traced.headers,
    body: traced.body,
    timeouts: clipTimeouts(provider.timeouts, clock.deadlineAt - clock.now()),
    signal: cancelSignalOf(ctx.abort),
    providerName: provider.name,
  };
}

/**
 * The call with this attempt's W3C `traceparent` (its CLIENT span; the attempt index is the number
 * of attempts already finished) when the request is traced; the call itself otherwise.
 */
function withTraceHeaders<T extends { headers: Record<string, string> }>(ctx: InferenceContext, call: T): T {
  if (!ctx.trace) return call;
  return { ...call, headers: { ...call.headers, ...attemptTraceHeaders(ctx.trace, ctx.attempts.length) } };
}

/** The provider's timeouts, with first byte and total cut to the time left before the request's deadline. */
function clipTimeouts(timeouts: PhaseTimeouts, remainingMs: number): PhaseTimeouts {
  if (!Number.isFinite(remainingMs) || remainingMs >= timeouts.totalMs) return timeouts;
  const left = Math.max(1, Math.floor(remainingMs));
  return { ...timeouts, firstByteMs: Math.min(timeouts.firstByteMs, left), totalMs: left };
}

/** Whether the request was aborted, without making its AbortSignal. */
function isAborted(controller: AbortController): boolean {
  return cancelSignalOf(controller).aborted;
}
