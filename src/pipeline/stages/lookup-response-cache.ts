import { replayCachedResponse } from '../../cache/replay-cached-response.js';
import type { CacheTicket, ResponseCache } from '../../cache/response-cache.js';
import type { FinishReason } from '../../core/canonical/finish-reason.js';
import type { GuardInference } from '../../guardrails/guard-inference.js';
import type { WorkspacePrivacy } from '../../privacy/workspace-privacy.js';
import type { PrivacyStore } from '../../stores/privacy-store.js';
import type { InferenceContext } from '../inference-context.js';
import { ANSWERED, type InferenceStage } from '../inference-stage.js';
import { ResponseKeeper } from '../response-keeper.js';

/**
 * The response cache (when the request asked for it and the workspace allows it): a hit is
 * answered here, with a fresh generation id and zeroed usage, and ends the lifecycle; a miss
 * sets what is kept after the response (cache entry, opt-in content log) and, for a stream,
 * opens the client's stream so keep-alives cover planning and dispatch.
 */
export function lookupResponseCache(deps: {
  responseCache: ResponseCache;
  privacy: WorkspacePrivacy;
  privacyStore: PrivacyStore;
  guard: GuardInference;
}): InferenceStage {
  const policyVersion = () => `${deps.guard.policyVersion}.${deps.privacy.version}`;
  return {
    name: 'cache-lookup',
    run(ctx) {
      const { key } = ctx.caller;
      const cache = deps.privacy.allowsResponseCache(key.workspaceId)
        ? deps.responseCache.open({ headers: ctx.exchange.headers, keyHash: key.hash, apiType: ctx.route, stream: ctx.stream, body: ctx.exchange.body, policyVersion })
        : undefined;
      ctx.cache = cache;
      const retentionMs = deps.privacy.loggingRetentionMs(key.workspaceId, key.hash);
      ctx.recorder = new ResponseKeeper({
        ctx,
        cache,
        // The request as forwarded: after guardrails redacted it, so logging never keeps what DLP removed.
        log: retentionMs === undefined ? undefined : { store: deps.privacyStore, retentionMs, requestBody: ctx.request },
        maxRecordBytes: deps.responseCache.maxEntryBytes,
      });
      // Without a cache the stage stays synchronous (no promise for the runner to await).
      if (!cache) {
        if (ctx.stream) ctx.sink = ctx.exchange.openStream(ctx.responseHeaders);
        return;
      }
      return lookupOrOpen(ctx, cache);
    },
  };
}

/** Answers a hit from the cache (ANSWERED); on a miss adds the miss headers and, for a stream, opens the client's stream. */
async function lookupOrOpen(ctx: InferenceContext, cache: CacheTicket): Promise<typeof ANSWERED | undefined> {
  const entry = await cache.lookup();
  if (entry) {
    ctx.cacheHit = { sourceId: entry.sourceId, model: entry.model, providerName: entry.providerName, savedPico: /^\d+$/.test(entry.costPico ?? '') ? BigInt(entry.costPico!) : 0n };
    ctx.finishReason = entry.finishReason as FinishReason | null;
    ctx.firstByteAt = Date.now();
    await replay(ctx, { ...ctx.responseHeaders, ...cache.hitHeaders(entry) }, replayCachedResponse(entry, { generationId: ctx.generationId, now: Date.now() }));
    return ANSWERED;
  }
  Object.assign(ctx.responseHeaders, cache.missHeaders());
  if (ctx.stream) ctx.sink = ctx.exchange.openStream(ctx.responseHeaders);
  return undefined;
}

async function replay(ctx: InferenceContext, headers: Record<string, string>, body: ReturnType<typeof replayCachedResponse>): Promise<void> {
  if (body.kind === 'json') {
    ctx.exchange.writeJsonText(headers, body.text);
    return;
  }
  const sink = ctx.exchange.openStream(headers);
  for (const payload of body.payloads) {
    if (sink.closed) break;
    await sink.send(payload);
  }
  await sink.send('[DONE]');
  sink.end();
}
