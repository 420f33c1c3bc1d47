import type { CatalogEndpoint, CatalogModel, PriceTable } from '../../src/routing/catalog/catalog-types.js';
import type { OpenRouterModel } from './read-openrouter-snapshot.js';

const MAX_DESCRIPTION = 500;

/**
 * Maps an OpenRouter /models entry to a CatalogModel with stable key order. `endpoints`
 * is given by the caller, already ordered; `pricing` is OpenRouter's, normalised.
 */
export function buildCatalogModel(
  source: OpenRouterModel,
  pricing: PriceTable,
  endpoints: CatalogEndpoint[],
): CatalogModel {
  return {
    id: source.id,
    canonical_slug: source.canonical_slug,
    name: source.name,
    created: source.created,
    description: shorten(source.description ?? ''),
    hugging_face_id: source.hugging_face_id || null,
    context_length: source.context_length ?? null,
    architecture: {
      modality: source.architecture.modality,
      input_modalities: [...source.architecture.input_modalities],
      output_modalities: [...source.architecture.output_modalities],
      tokenizer: source.architecture.tokenizer,
      instruct_type: source.architecture.instruct_type ?? null,
    },
    pricing,
    top_provider: {
      context_length: source.top_provider?.context_length ?? null,
      max_completion_tokens: source.top_provider?.max_completion_tokens ?? null,
      is_moderated: Boolean(source.top_provider?.is_moderated),
    },
    supported_parameters: [...(source.supported_parameters ?? [])],
    ...(source.reasoning ? { reasoning: convertReasoning(source.reasoning) } : {}),
    knowledge_cutoff: source.knowledge_cutoff ?? null,
    endpoints,
  };
}

function convertReasoning(source: NonNullable<OpenRouterModel['reasoning']>): NonNullable<CatalogModel['reasoning']> {
  const reasoning: NonNullable<CatalogModel['reasoning']> = { mandatory: Boolean(source.mandatory) };
  if (typeof source.default_enabled === 'boolean') reasoning.default_enabled = source.default_enabled;
  if (Array.isArray(source.supported_efforts)) reasoning.supported_efforts = [...source.supported_efforts];
  return reasoning;
}

/** The catalog is loaded at start-up: very long descriptions are cut at a word boundary. */
function shorten(text: string): string {
  if (text.length <= MAX_DESCRIPTION) return text;
  const cut = text.slice(0, MAX_DESCRIPTION);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_DESCRIPTION / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
