import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KeyRegistry } from '../auth/key-registry.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import { dispatchWithFailover, type DispatchDeps } from '../pipeline/dispatch-with-failover.js';
import { createInferenceContext, type InferenceContext } from '../pipeline/inference-context.js';
import { relayStream } from '../pipeline/relay-stream.js';
import { noteGenerationFinished, planRequestRoute, type RoutingServices } from '../pipeline/plan-request-route.js';
import { withRouterMetadata, withStreamRouterMetadata } from '../pipeline/router-metadata.js';
import { priceGeneration, settleGeneration } from '../pipeline/settle-generation.js';
import type { ResolvedCatalog } from '../routing/catalog/resolved-catalog.js';
import type { BatchGenerationWriter } from '../stores/batch-generation-writer.js';
import type { GatewayMetrics } from '../telemetry/gateway-metrics.js';
import { RequestAbortedError } from '../upstream/upstream-client.js';
import { estimateTokenCounts } from '../core/estimate-tokens.js';
import type { ChatResult } from '../core/canonical/chat-response.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import type { RequestBilling } from '../billing/request-billing.js';
import type { GuardInference } from '../guardrails/guard-inference.js';
import type { ByokRegistry } from '../byok/byok-registry.js';
import type { ByokFeeMeter } from '../billing/byok-fee-meter.js';
import type { InboundCodec } from './codecs/inbound-codec.js';
import type { ResponseCache } from '../cache/response-cache.js';
import { mergeRoutingConstraints } from '../routing/routing-constraints.js';
import type { WorkspacePrivacy } from '../privacy/workspace-privacy.js';
import type { PrivacyStore } from '../stores/privacy-store.js';
import { ResponseKeeper } from './response-keeper.js';
import { serveCacheHit } from './serve-cache-hit.js';
import { SocketSseSink } from './socket-sse-sink.js';
import { toErrorReply } from './to-error-reply.js';

export interface InferenceDeps {
  keys: KeyRegistry;
  catalog: ResolvedCatalog;
  routing: RoutingServices;
  dispatch: DispatchDeps;
  writer: BatchGenerationWriter;
  rateLimiter: RateLimiter;
  /** Ledger reservation before dispatch and settlement when the cost is known. */
  billing: RequestBilling;
  byok: ByokRegistry;
  byokFees: ByokFeeMeter;
  metrics: GatewayMetrics;
  guard: GuardInference;
  keepaliveMs: number;
  responseCache: ResponseCache;
  privacy: WorkspacePrivacy;
  privacyStore: PrivacyStore;
  /** In-flight requests, so a stop can wait for them and abort the stragglers. */
  inFlight: Set<InferenceContext>;
}

/**
 * The inference request lifecycle shared by every skin: authenticate → parse → plan →
 * dispatch (failover) → respond (JSON or SSE) → settle. Every request that got as far as
 * planning is settled exactly once, whatever happens.
 */
export function createInferenceHandler(codec: InboundCodec, route: string, deps: InferenceDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const caller = deps.keys.authenticate(request.headers.authorization, 'inference');
    const chatRequest = codec.parseRequest(request.body);
    const admission = await deps.rateLimiter.admit({ key: caller.key, request: chatRequest });
    // Whatever happens from here on (402, client gone, crash in a stage), the slot comes back.
    reply.raw.once('close', admission.releaseSlot);
    const ctx = createInferenceContext({ caller, apiType: codec.apiType, request: chatRequest });
    deps.guard.guardInput(ctx);
    const headers: Record<string, string> = { 'x-generation-id': ctx.generationId };
    const workspaceId = caller.key.workspaceId;
    ctx.constraints = mergeRoutingConstraints(ctx.constraints, deps.privacy.constraintsFor(workspaceId));
    const cache = deps.privacy.allowsResponseCache(workspaceId)
      ? deps.responseCache.open({
          headers: request.headers,
          keyHash: caller.key.hash,
          apiType: route,
          stream: ctx.stream,
          body: request.body,
          policyVersion: () => `${deps.guard.policyVersion}.${deps.privacy.version}`,
        })
      : undefined;
    const retentionMs = deps.privacy.loggingRetentionMs(workspaceId, caller.key.hash);
    const keeper = new ResponseKeeper({
      ctx,
      cache,
      // The request as forwarded: after guardrails redacted it, so logging never keeps what DLP removed.
      log: retentionMs === undefined ? undefined : { store: deps.privacyStore, retentionMs, requestBody: ctx.request },
      maxRecordBytes: deps.responseCache.maxEntryBytes,
    });
    deps.inFlight.add(ctx);
    reply.raw.on('close', () => {
      if (!reply.raw.writableFinished) {
        ctx.cancelled = true;
        ctx.abort.abort();
      }
    });
    reply.hijack();
    let sink: SocketSseSink | undefined;
    try {
      const cached = await cache?.lookup();
      if (cache && cached) return await serveCacheHit({ ctx, entry: cached, ticket: cache, reply, headers, keepaliveMs: deps.keepaliveMs, framing: codec.sseFraming });
      if (cache) Object.assign(headers, cache.missHeaders());
      sink = ctx.stream ? new SocketSseSink(reply.raw, { keepaliveMs: deps.keepaliveMs, headers, framing: codec.sseFraming }) : undefined;
      // Constraints first (privacy holds for BYOK endpoints too), then the workspace's own keys.
      const workspace = ctx.caller.key.workspaceId;
      const catalog = deps.byok.catalogFor(workspace);
      const routing = catalog === deps.routing.catalog ? deps.routing : { ...deps.routing, catalog };
      ctx.plan = deps.byok.apply(planRequestRoute(ctx, routing, request.headers), workspace);
      await deps.billing.reserve(ctx);
      const outcome = await dispatchWithFailover(ctx, deps.dispatch);
      if (outcome.kind === 'result') {
        ctx.upstreamId = outcome.result.upstreamId;
        ctx.tokens = outcome.result.tokens ?? estimateTokenCounts({ request: chatRequest, completionText: resultText(outcome.result) });
        const first = outcome.result.choices[0];
        ctx.finishReason = first?.finishReason ?? null;
        ctx.nativeFinishReason = first?.nativeFinishReason ?? null;
        const usage = priceGeneration(ctx, deps.byokFees);
        deps.billing.settle(ctx); // booked before the client sees the answer
        deps.guard.guardResult(ctx, outcome.result); // after settling: a blocked answer was still produced and billed
        const body = codec.encodeResult({ ctx, result: outcome.result, usage });
        const text = writeJson(reply, 200, headers, withRouterMetadata(ctx, body));
        // Router metadata is per request and never replayed from the cache (as on OpenRouter).
        await keeper.keepJson(ctx.routing.explain && text !== undefined ? JSON.stringify(body) : text);
      } else if (sink) {
        const encoder = deps.guard.streamEncoder(ctx, withStreamRouterMetadata(ctx, codec.createStreamEncoder(ctx)));
        await relayStream({ ctx, outcome, sink: keeper.wrap(sink), encoder, priceUsage: () => priceAndSettle(ctx, deps) });
        if (sink.closed && !reply.raw.writableEnded) ctx.cancelled = true;
        sink.end();
        await keeper.keepStream();
      }
    } catch (error) {
      handleFailure({ error, ctx, reply, sink, headers, codec, log: request.log });
    } finally {
      ctx.finishedAt = Date.now();
      deps.inFlight.delete(ctx);
      settleGeneration(ctx, { writer: deps.writer, metrics: deps.metrics, route, billing: deps.billing, byokFees: deps.byokFees });
      admission.settle(ctx.tokens);
      noteGenerationFinished(ctx, deps.routing);
    }
  };
}

/** The final usage chunk's price, booked in the ledger before the chunk is sent. */
function priceAndSettle(ctx: InferenceContext, deps: { billing: RequestBilling; byokFees: ByokFeeMeter }) {
  const usage = priceGeneration(ctx, deps.byokFees);
  deps.billing.settle(ctx);
  return usage;
}

function handleFailure(options: {
  error: unknown;
  ctx: InferenceContext;
  reply: FastifyReply;
  sink: SocketSseSink | undefined;
  headers: Record<string, string>;
  codec: InboundCodec;
  log: FastifyRequest['log'];
}): void {
  const { error, ctx, reply, sink, headers } = options;
  if (error instanceof RequestAbortedError || ctx.abort.signal.aborted) {
    ctx.cancelled = true;
    ctx.status = 499;
    if (sink && !sink.closed && sink.started) {
      void sink.send(options.codec.createStreamEncoder(ctx).encodeError({ code: 503, message: 'The gateway is shutting down; the request was cancelled' }));
    }
    sink?.end();
    if (!sink && !reply.raw.writableEnded && !reply.raw.destroyed) reply.raw.destroy();
    return;
  }
  if (!(error instanceof GatewayError)) options.log.error({ err: error }, 'unhandled inference error');
  const { status, headers: errorHeaders, body } = toErrorReply(error);
  ctx.status = status;
  if (ctx.finishReason === null && ctx.firstByteAt !== undefined) ctx.finishReason = 'error';
  if (sink && sink.started) {
    // Bytes already went out: the status is committed, so the error travels in-band.
    void sink.send(options.codec.createStreamEncoder(ctx).encodeError(body.error)).finally(() => sink.end());
    return;
  }
  sink?.abandon();
  writeJson(reply, status, { ...headers, ...errorHeaders }, options.codec.encodeError?.({ status, headers: errorHeaders, body }) ?? withRouterMetadata(ctx, body));
}

/** Every text the model produced in a non-streamed result, for counting tokens ourselves. */
function resultText(result: ChatResult): string {
  let text = '';
  for (const { message } of result.choices) {
    text += (message.content ?? '') + (message.reasoning ?? '');
    for (const call of message.tool_calls ?? []) text += call.function.arguments;
  }
  return text;
}

/** Writes a JSON response; returns the text written, or undefined when the client was gone. */
function writeJson(reply: FastifyReply, status: number, headers: Record<string, string>, body: unknown): string | undefined {
  const raw = reply.raw;
  if (raw.writableEnded || raw.destroyed) return undefined;
  const text = JSON.stringify(body);
  raw.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  raw.end(text);
  return text;
}

