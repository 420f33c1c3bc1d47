function responseHeader(ctx, object) {
  const served = ctx.served;
  return {
    id: ctx.generationId,
    provider: served?.endpoint.provider.name ?? null,
    model: served?.model.model.id ?? ctx.request.model ?? null,
    object,
    created: Math.floor(ctx.startedAt / 1e3)
  };
}
export {
  responseHeader
};
//# sourceMappingURL=inbound-codec.js.map
