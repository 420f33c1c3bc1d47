import { GatewayError } from "../core/errors/gateway-error.js";
import { setTimeout as sleep } from "node:timers/promises";
import { AllAttemptsFailedError, UpstreamError, UpstreamTimeoutError } from "../core/errors/upstream-error.js";
import { endpointKey } from "../routing/health/endpoint-health.js";
import { readUpstreamEvents, readUpstreamText } from "../upstream/read-upstream-body.js";
import { readUpstreamEventStream } from "../upstream/read-upstream-event-stream.js";
import { RequestAbortedError } from "../upstream/upstream-client.js";
const MIN_ATTEMPT_MS = 50;
const MAX_RETRY_WAIT_MS = 1e4;
async function dispatchWithFailover(ctx, deps) {
  const now = deps.now ?? Date.now;
  const deadlineAt = deps.requestDeadlineMs === void 0 ? Infinity : now() + deps.requestDeadlineMs - Math.max(0, Date.now() - ctx.startedAt);
  const errors = [];
  let skipModel;
  let tried = 0;
  let waited = false;
  const plan = ctx.plan;
  for (let index = 0; index < plan.length; index += 1) {
    const attempt = plan[index];
    if (tried >= deps.maxAttempts) break;
    if (attempt.model.model.id === skipModel) continue;
    if (deadlineAt - now() < MIN_ATTEMPT_MS) break;
    tried += 1;
    const startedAt = now();
    const wallStartedAt = Date.now();
    const key = endpointKey(attempt.model.model.id, attempt.endpoint.provider.id);
    try {
      const outcome = await tryAttempt(ctx, attempt, { ...deps, deadlineAt, now });
      const at = now();
      ctx.attempts.push({ provider: attempt.endpoint.provider.name, model: attempt.model.model.id, status: 200, latencyMs: at - startedAt, startedAt: wallStartedAt, ...attempt.byok ? { isByok: true } : {} });
      if (!attempt.byok) deps.health?.record({ endpoint: key, outcome: "success", at, ttftMs: at - startedAt });
      ctx.served = attempt;
      return outcome;
    } catch (error) {
      if (error instanceof RequestAbortedError || ctx.abort.signal.aborted) throw new RequestAbortedError();
      const failure = error instanceof GatewayError ? error : new GatewayError("internal", { message: "Internal error", cause: error });
      const upstreamStatus = failure instanceof UpstreamError ? failure.upstreamStatus ?? 0 : 0;
      const at = now();
      ctx.attempts.push({ provider: attempt.endpoint.provider.name, model: attempt.model.model.id, status: upstreamStatus || failure.status, latencyMs: at - startedAt, startedAt: wallStartedAt, ...attempt.byok ? { isByok: true } : {} });
      deps.metrics.upstreamErrors.inc({ provider: attempt.endpoint.provider.id, status: String(upstreamStatus) });
      if (!attempt.byok) deps.health?.record({ endpoint: key, outcome: healthOutcome(failure, upstreamStatus), at });
      errors.push(failure);
      if (!failure.retryable) {
        skipModel = attempt.model.model.id;
        continue;
      }
      const waitMs = (failure.retryAfterSeconds ?? 0) * 1e3;
      const worthWaiting = !ctx.stream && waitMs > 0 && waitMs <= MAX_RETRY_WAIT_MS && !waited && tried < deps.maxAttempts;
      if (worthWaiting && isLastCandidate(plan, index, skipModel) && at + waitMs + MIN_ATTEMPT_MS < deadlineAt) {
        waited = true;
        await (deps.sleep ?? sleepUnlessAborted)(waitMs, ctx.abort.signal);
        if (ctx.abort.signal.aborted) throw new RequestAbortedError();
        index -= 1;
      }
    }
  }
  if (errors.length === 0) {
    throw new UpstreamTimeoutError({ provider: plan[0]?.endpoint.provider.name ?? "none", phase: "total", timeoutMs: deps.requestDeadlineMs ?? 0 });
  }
  if (errors.length === 1) throw errors[0];
  throw new AllAttemptsFailedError(errors);
}
function healthOutcome(failure, upstreamStatus) {
  if (upstreamStatus === 429 || failure.code === "rate_limited") return "rate_limited";
  if (failure.code === "invalid_request" || failure.code === "context_length_exceeded") return "rejected";
  return failure.retryable ? "failure" : "rejected";
}
function isLastCandidate(plan, index, skipModel) {
  for (let next = index + 1; next < plan.length; next += 1) if (plan[next]?.model.model.id !== skipModel) return false;
  return true;
}
function sleepUnlessAborted(ms, signal) {
  return sleep(ms, void 0, { signal }).catch(() => void 0);
}
async function tryAttempt(ctx, attempt, deps) {
  const { provider, upstreamModel } = attempt.endpoint;
  const adapter = deps.adapters.get(provider.protocol);
  if (!adapter) {
    throw new UpstreamError("upstream_error", { provider: provider.name, upstreamStatus: null, retryable: true, message: `Protocol ${provider.protocol} is not available` });
  }
  const call = await adapter.buildCall({
    request: ctx.request,
    provider,
    upstreamModel,
    stream: ctx.stream,
    maxOutputTokens: attempt.endpoint.entry.max_completion_tokens
  });
  const upstreamRequest = { ...call, timeouts: clipTimeouts(provider.timeouts, deps.deadlineAt - deps.now()), signal: ctx.abort.signal, providerName: provider.name };
  const response = await deps.client.send(upstreamRequest);
  const context = { request: upstreamRequest };
  if (response.status !== 200) {
    const bodyText = await readUpstreamText(response, { ...context, limitBytes: 64 * 1024 }).catch(() => "");
    const retryAfter = response.headers["retry-after"];
    throw adapter.readError({
      status: response.status,
      bodyText,
      retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      provider,
      headers: response.headers
    });
  }
  if (!ctx.stream) {
    const bodyText = await readUpstreamText(response, { ...context, limitBytes: deps.maxResponseBytes });
    ctx.firstByteAt = Date.now();
    return { kind: "result", result: adapter.readResult(bodyText, provider), adapter };
  }
  const rest = adapter.streamFraming === "aws-eventstream" ? readUpstreamEventStream(response, context) : readUpstreamEvents(response, context);
  const first = await rest.next();
  if (first.done) {
    throw new UpstreamError("upstream_invalid_response", { provider: provider.name, upstreamStatus: 200, retryable: true, message: `${provider.name} closed the stream without sending anything` });
  }
  adapter.createStreamDecoder(provider).decode(first.value);
  ctx.firstByteAt = Date.now();
  return { kind: "stream", adapter, first: first.value, rest };
}
function clipTimeouts(timeouts, remainingMs) {
  if (!Number.isFinite(remainingMs) || remainingMs >= timeouts.totalMs) return timeouts;
  const left = Math.max(1, Math.floor(remainingMs));
  return { ...timeouts, firstByteMs: Math.min(timeouts.firstByteMs, left), totalMs: left };
}
export {
  dispatchWithFailover
};
//# sourceMappingURL=dispatch-with-failover.js.map
