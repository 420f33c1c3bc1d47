import { replayCachedResponse } from "../../cache/replay-cached-response.js";
import { ANSWERED } from "../inference-stage.js";
import { ResponseKeeper } from "../response-keeper.js";
function lookupResponseCache(deps) {
  const policyVersion = () => `${deps.guard.policyVersion}.${deps.privacy.version}`;
  return {
    name: "cache-lookup",
    async run(ctx) {
      const { key } = ctx.caller;
      const cache = deps.privacy.allowsResponseCache(key.workspaceId) ? deps.responseCache.open({ headers: ctx.exchange.headers, keyHash: key.hash, apiType: ctx.route, stream: ctx.stream, body: ctx.exchange.body, policyVersion }) : void 0;
      ctx.cache = cache;
      const retentionMs = deps.privacy.loggingRetentionMs(key.workspaceId, key.hash);
      ctx.recorder = new ResponseKeeper({
        ctx,
        cache,
        // The request as forwarded: after guardrails redacted it, so logging never keeps what DLP removed.
        log: retentionMs === void 0 ? void 0 : { store: deps.privacyStore, retentionMs, requestBody: ctx.request },
        maxRecordBytes: deps.responseCache.maxEntryBytes
      });
      const entry = await cache?.lookup();
      if (cache && entry) {
        ctx.cacheHit = { sourceId: entry.sourceId, model: entry.model, providerName: entry.providerName };
        ctx.finishReason = entry.finishReason;
        ctx.firstByteAt = Date.now();
        await replay(ctx, { ...ctx.responseHeaders, ...cache.hitHeaders(entry) }, replayCachedResponse(entry, { generationId: ctx.generationId, now: Date.now() }));
        return ANSWERED;
      }
      if (cache) Object.assign(ctx.responseHeaders, cache.missHeaders());
      if (ctx.stream) ctx.sink = ctx.exchange.openStream(ctx.responseHeaders);
    }
  };
}
async function replay(ctx, headers, body) {
  if (body.kind === "json") {
    ctx.exchange.writeJsonText(headers, body.text);
    return;
  }
  const sink = ctx.exchange.openStream(headers);
  for (const payload of body.payloads) {
    if (sink.closed) break;
    await sink.send(payload);
  }
  await sink.send("[DONE]");
  sink.end();
}
export {
  lookupResponseCache
};
//# sourceMappingURL=lookup-response-cache.js.map
