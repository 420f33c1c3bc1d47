import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../core/errors/gateway-error.js';
import type { ResolvedCatalog } from '../../routing/catalog/resolved-catalog.js';
import { encodeModel, encodeModelEndpoints } from '../management/encode-model.js';
import type { EndpointHealth } from '../../routing/health/endpoint-health.js';

interface ModelQuery {
  supported_parameters?: string;
  q?: string;
  output_modalities?: string;
  input_modalities?: string;
}

/**
 * `GET /api/v1/models` (no auth, like OpenRouter) lists the models this gateway can serve
 * with its enabled providers; `GET /api/v1/models/:author/:slug/endpoints` lists a model's
 * endpoints; `GET /api/v1/embeddings/models` the embedding models and `GET /api/v1/images/models`
 * the image-output models. Encoded once at start-up;
 * requests only filter.
 */
export function registerModelRoutes(app: FastifyInstance, catalog: ResolvedCatalog, live?: { health: EndpointHealth; now: () => number }): void {
  const encoded = catalog.list.map((resolved) => ({ resolved, body: encodeModel(resolved.model) }));
  const searchText = new Map(encoded.map(({ resolved }) => [resolved.model.id, `${resolved.model.id} ${resolved.model.name} ${resolved.model.description}`.toLowerCase()]));

  app.get<{ Querystring: ModelQuery }>('/api/v1/models', async (request) => {
    const wantedParams = splitList(request.query.supported_parameters);
    const outputs = splitList(request.query.output_modalities);
    const inputs = splitList(request.query.input_modalities);
    const q = request.query.q?.trim().toLowerCase();
    const data = encoded
      .filter(({ resolved }) => {
        const { model } = resolved;
        if (wantedParams.some((param) => !model.supported_parameters.includes(param))) return false;
        if (q && !searchText.get(model.id)?.includes(q)) return false;
        if (outputs.length > 0 && !outputs.includes('all') && !outputs.some((m) => model.architecture.output_modalities.includes(m))) return false;
        if (inputs.some((m) => !model.architecture.input_modalities.includes(m))) return false;
        return true;
      })
      .map(({ body }) => body);
    return { data, total_count: data.length, links: { next: null } };
  });

  // OpenRouter's modality catalogue for embeddings: the models whose output is `embeddings`.
  const embeddingModels = encoded.filter(({ resolved }) => resolved.model.architecture.output_modalities.includes('embeddings')).map(({ body }) => body);
  app.get('/api/v1/embeddings/models', async () => ({ data: embeddingModels, total_count: embeddingModels.length, links: { next: null } }));
  // …and for images: the models whose output includes `image` (served on /chat/completions with `modalities`).
  const imageModels = encoded.filter(({ resolved }) => resolved.model.architecture.output_modalities.includes('image')).map(({ body }) => body);
  app.get('/api/v1/images/models', async () => ({ data: imageModels, total_count: imageModels.length, links: { next: null } }));

  app.get<{ Params: { author: string; slug: string } }>('/api/v1/models/:author/:slug/endpoints', async (request) => {
    const id = `${request.params.author}/${request.params.slug}`;
    const resolved = catalog.models.get(id) ?? catalog.list.find((entry) => entry.model.canonical_slug === id);
    if (!resolved) throw new NotFoundError(`Model ${id} not found`);
    const at = live?.now();
    return { data: encodeModelEndpoints(resolved, live && at !== undefined ? (endpoint) => live.health.stats(endpoint, at) : undefined) };
  });
}

function splitList(value: string | undefined): string[] {
  return value ? value.split(',').map((item) => item.trim()).filter(Boolean) : [];
}
