import { GatewayError } from "../core/errors/gateway-error.js";
function applyByokKeys(options) {
  const { plan, routes, pooled } = options;
  const out = [];
  let index = 0;
  while (index < plan.length) {
    const model = plan[index].model;
    const first = [];
    const shared = [];
    const last = [];
    for (; index < plan.length && plan[index].model === model; index += 1) {
      const attempt = plan[index];
      const providerId = attempt.endpoint.provider.id;
      let alwaysUse = false;
      for (const route of routes.get(providerId) ?? []) {
        if (route.allowedModels && !route.allowedModels.has(model.model.id)) continue;
        alwaysUse ||= route.alwaysUse;
        (route.isFallback ? last : first).push({ model, endpoint: { ...attempt.endpoint, provider: route.provider }, byok: true });
      }
      if (pooled.has(providerId) && !alwaysUse) shared.push(attempt);
    }
    out.push(...first, ...shared, ...last);
  }
  if (out.length === 0 && plan.length > 0) {
    const models = [...new Set(plan.map((attempt) => attempt.model.model.id))];
    throw new GatewayError("no_endpoints", {
      message: `No endpoints found for ${models.join(", ")}: its providers need a BYOK key that may serve this model.`,
      metadata: { availability: { code: "constraint_filtered", requested_models: models } }
    });
  }
  return out;
}
export {
  applyByokKeys
};
//# sourceMappingURL=apply-byok-keys.js.map
