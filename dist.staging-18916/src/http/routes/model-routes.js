import { NotFoundError } from "../../core/errors/gateway-error.js";
import { encodeModel, encodeModelEndpoints } from "../management/encode-model.js";
function registerModelRoutes(app, catalog, live) {
  const encoded = catalog.list.map((resolved) => ({ resolved, body: encodeModel(resolved.model) }));
  const searchText = new Map(encoded.map(({ resolved }) => [resolved.model.id, `${resolved.model.id} ${resolved.model.name} ${resolved.model.description}`.toLowerCase()]));
  app.get("/api/v1/models", async (request) => {
    const wantedParams = splitList(request.query.supported_parameters);
    const outputs = splitList(request.query.output_modalities);
    const inputs = splitList(request.query.input_modalities);
    const q = request.query.q?.trim().toLowerCase();
    const data = encoded.filter(({ resolved }) => {
      const { model } = resolved;
      if (wantedParams.some((param) => !model.supported_parameters.includes(param))) return false;
      if (q && !searchText.get(model.id)?.includes(q)) return false;
      if (outputs.length > 0 && !outputs.includes("all") && !outputs.some((m) => model.architecture.output_modalities.includes(m))) return false;
      if (inputs.some((m) => !model.architecture.input_modalities.includes(m))) return false;
      return true;
    }).map(({ body }) => body);
    return { data, total_count: data.length, links: { next: null } };
  });
  app.get("/api/v1/models/:author/:slug/endpoints", async (request) => {
    const id = `${request.params.author}/${request.params.slug}`;
    const resolved = catalog.models.get(id) ?? catalog.list.find((entry) => entry.model.canonical_slug === id);
    if (!resolved) throw new NotFoundError(`Model ${id} not found`);
    const at = live?.now();
    return { data: encodeModelEndpoints(resolved, live && at !== void 0 ? (endpoint) => live.health.stats(endpoint, at) : void 0) };
  });
}
function splitList(value) {
  return value ? value.split(",").map((item) => item.trim()).filter(Boolean) : [];
}
export {
  registerModelRoutes
};
//# sourceMappingURL=model-routes.js.map
