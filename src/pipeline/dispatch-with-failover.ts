import type { ChatResult } from '../core/canonical/chat-response.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import { AllAttemptsFailedError, UpstreamError } from '../core/errors/upstream-error.js';
import type { WireAdapter } from '../protocols/wire-adapter.js';
import type { WireProtocolName } from '../providers/provider-types.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import type { GatewayMetrics } from '../telemetry/gateway-metrics.js';
import type { SseEvent } from '../upstream/parse-sse.js';
import { readUpstreamEvents, readUpstreamText } from '../upstream/read-upstream-body.js';
import { readUpstreamEventStream } from '../upstream/read-upstream-event-stream.js';
import { RequestAbortedError, type UpstreamClient } from '../upstream/upstream-client.js';
import type { InferenceContext } from './inference-context.js';

export interface DispatchDeps {
  adapters: ReadonlyMap<WireProtocolName, WireAdapter>;
  client: UpstreamClient;
  metrics: GatewayMetrics;
  maxAttempts: number;
  /** Largest non-streaming upstream body accepted. */
  maxResponseBytes: number;
}

export type DispatchOutcome =
  | { kind: 'result'; result: ChatResult; adapter: WireAdapter }
  | { kind: 'stream'; adapter: WireAdapter; first: SseEvent; rest: AsyncGenerator<SseEvent> };

/**
 * Tries the planned attempts in order until one answers. Before the first byte reaches the
 * client every retryable failure (transport, timeout, 5xx, 429, invalid body, a stream that
 * dies before its first event) moves on to the next endpoint; a non-retryable one (400 from
 * the provider) skips the rest of that model's endpoints, so `models` fallbacks still run.
 * Attempts are bounded by `maxAttempts`; the request's abort signal stops everything.
 */
export async function dispatchWithFailover(ctx: InferenceContext, deps: DispatchDeps): Promise<DispatchOutcome> {
  const errors: GatewayError[] = [];
  let skipModel: string | undefined;
  let tried = 0;
  for (const attempt of ctx.plan) {
    if (tried >= deps.maxAttempts) break;
    if (attempt.model.model.id === skipModel) continue;
    tried += 1;
    const startedAt = Date.now();
    try {
      const outcome = await tryAttempt(ctx, attempt, deps);
      ctx.attempts.push({ provider: attempt.endpoint.provider.name, model: attempt.model.model.id, status: 200, latencyMs: Date.now() - startedAt });
      ctx.served = attempt;
      return outcome;
    } catch (error) {
      if (error instanceof RequestAbortedError || ctx.abort.signal.aborted) throw new RequestAbortedError();
      const failure = error instanceof GatewayError ? error : new GatewayError('internal', { message: 'Internal error', cause: error });
      const upstreamStatus = failure instanceof UpstreamError ? (failure.upstreamStatus ?? 0) : 0;
      ctx.attempts.push({ provider: attempt.endpoint.provider.name, model: attempt.model.model.id, status: upstreamStatus || failure.status, latencyMs: Date.now() - startedAt });
      deps.metrics.upstreamErrors.inc({ provider: attempt.endpoint.provider.id, status: String(upstreamStatus) });
      errors.push(failure);
      if (!failure.retryable) skipModel = attempt.model.model.id;
    }
  }
  if (errors.length === 1) throw errors[0];
  throw new AllAttemptsFailedError(errors);
}

async function tryAttempt(ctx: InferenceContext, attempt: RouteAttempt, deps: DispatchDeps): Promise<DispatchOutcome> {
  const { provider, upstreamModel } = attempt.endpoint;
  const adapter = deps.adapters.get(provider.protocol);
  if (!adapter) {
    throw new UpstreamError('upstream_error', { provider: provider.name, upstreamStatus: null, retryable: true, message: `Protocol ${provider.protocol} is not available` });
  }
  const call = await adapter.buildCall({
    request: ctx.request,
    provider,
    upstreamModel,
    stream: ctx.stream,
    maxOutputTokens: attempt.endpoint.entry.max_completion_tokens,
  });
  const upstreamRequest = { ...call, timeouts: provider.timeouts, signal: ctx.abort.signal, providerName: provider.name };
  const response = await deps.client.send(upstreamRequest);
  const context = { request: upstreamRequest };
  if (response.status !== 200) {
    const bodyText = await readUpstreamText(response, { ...context, limitBytes: 64 * 1024 }).catch(() => '');
    const retryAfter = response.headers['retry-after'];
    throw adapter.readError({
      status: response.status,
      bodyText,
      retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      provider,
      headers: response.headers,
    });
  }
  if (!ctx.stream) {
    const bodyText = await readUpstreamText(response, { ...context, limitBytes: deps.maxResponseBytes });
    ctx.firstByteAt = Date.now();
    return { kind: 'result', result: adapter.readResult(bodyText, provider), adapter };
  }
  const rest = adapter.streamFraming === 'aws-eventstream' ? readUpstreamEventStream(response, context) : readUpstreamEvents(response, context);
  const first = await rest.next();
  if (first.done) {
    throw new UpstreamError('upstream_invalid_response', { provider: provider.name, upstreamStatus: 200, retryable: true, message: `${provider.name} closed the stream without sending anything` });
  }
  // Validate the first event now: a malformed or error first chunk can still fail over.
  adapter.createStreamDecoder(provider).decode(first.value);
  ctx.firstByteAt = Date.now();
  return { kind: 'stream', adapter, first: first.value, rest };
}
