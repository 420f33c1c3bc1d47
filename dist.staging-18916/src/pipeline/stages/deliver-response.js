import { withRouterMetadata } from "../router-metadata.js";
function deliverResponse(guard) {
  return {
    name: "deliver",
    async run(ctx) {
      const { outcome, usage } = ctx;
      if (!outcome || !usage) throw new Error("deliver ran before dispatch and settlement");
      if (outcome.kind === "result") {
        guard.guardResult(ctx, outcome.result);
        const body = ctx.codec.encodeResult({ ctx, result: outcome.result, usage });
        const text = ctx.exchange.writeJson(200, ctx.responseHeaders, withRouterMetadata(ctx, body));
        await ctx.recorder?.keepJson(ctx.routing.explain && text !== void 0 ? JSON.stringify(body) : text);
        return;
      }
      const { sink, output, encoder } = ctx;
      if (!sink || !output || !encoder) return;
      if (!output.closed) {
        await output.send(encoder.encodeUsage(usage));
        await output.send(encoder.donePayload ?? "[DONE]");
      }
      if (sink.closed && !ctx.exchange.ended) ctx.cancelled = true;
      sink.end();
      await ctx.recorder?.keepStream();
    }
  };
}
export {
  deliverResponse
};
//# sourceMappingURL=deliver-response.js.map
