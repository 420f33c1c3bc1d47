import { InvalidRequestError, NotFoundError } from "../../core/errors/gateway-error.js";
import { privacySettingsPatchSchema } from "../../core/privacy-settings.js";
import { encodePublicEndpoint } from "../management/encode-model.js";
import { parseWithSchema } from "../codecs/parse-with-schema.js";
import { auditActor } from "../audit-actor.js";
function registerPrivacyRoutes(app, deps) {
  app.get("/api/v1/workspace/privacy", async (request) => {
    const { key } = deps.keys.authenticate(request.headers.authorization, "management");
    return { data: deps.privacy.settingsFor(key.workspaceId) };
  });
  app.patch("/api/v1/workspace/privacy", async (request) => {
    const { key } = deps.keys.authenticate(request.headers.authorization, "management");
    const patch = parseWithSchema(privacySettingsPatchSchema, request.body);
    const before = structuredClone(deps.privacy.settingsFor(key.workspaceId));
    const after = await deps.privacy.update(key.workspaceId, patch);
    await deps.audit.record(auditActor(request, key), { action: "privacy.update", workspaceId: key.workspaceId, targetId: key.workspaceId, before, after });
    return { data: after };
  });
  app.get("/api/v1/generation/content", async (request) => {
    const { key } = deps.keys.authenticate(request.headers.authorization, "any");
    const id = request.query.id;
    if (!id) throw new InvalidRequestError('Query parameter "id" is required, e.g. /api/v1/generation/content?id=gen-\u2026');
    const content = await deps.store.findContent(id, key.workspaceId, Date.now());
    if (!content) throw new NotFoundError(`No stored content for generation ${id}: logging is off for it, it expired, or it does not exist`);
    return {
      data: {
        id: content.generationId,
        input: JSON.parse(content.input),
        output: JSON.parse(content.output),
        created_at: new Date(content.createdAt).toISOString(),
        expires_at: new Date(content.expiresAt).toISOString()
      }
    };
  });
  app.get("/api/v1/providers", async () => ({
    data: [...deps.catalog.providers.values()].sort((a, b) => a.id < b.id ? -1 : 1).map((provider) => ({
      name: provider.name,
      slug: provider.id,
      privacy_policy_url: null,
      terms_of_service_url: null,
      status_page_url: null,
      data_policy: encodeDataPolicy(provider.dataPolicy)
    }))
  }));
  app.get("/api/v1/endpoints/zdr", async () => ({
    data: deps.catalog.list.flatMap(
      (model) => model.endpoints.filter((endpoint) => (endpoint.dataPolicy ?? endpoint.provider.dataPolicy).zdr).map((endpoint) => encodePublicEndpoint(model.model, endpoint))
    )
  }));
}
function encodeDataPolicy(policy) {
  return {
    zdr: policy.zdr,
    trains_on_data: policy.trainsOnData,
    retains_prompts: policy.retainsPromptsDays > 0,
    retention_days: policy.retainsPromptsDays,
    region: policy.region,
    moderated: policy.moderated
  };
}
export {
  registerPrivacyRoutes
};
//# sourceMappingURL=privacy-routes.js.map
