import type { CatalogEndpoint, PriceTable } from '../../src/routing/catalog/catalog-types.js';
import type { DirectProvider } from './direct-providers.js';
import type { LitellmEntry } from './read-litellm-prices.js';
import type { ModelsDevModel } from './read-models-dev.js';
import { normalizePrice } from './normalize-price.js';

export interface DirectEndpointInput {
  provider: DirectProvider;
  /** The vendor's own model id (models.dev key), sent upstream as `model`. */
  vendorId: string;
  model: ModelsDevModel;
  litellm: Map<string, LitellmEntry>;
  quantization: string | null;
  /** Claude speaks Anthropic Messages everywhere: no seed or penalties. */
  anthropicModel: boolean;
  /** OpenRouter's price for the model: settles a clear disagreement between models.dev and LiteLLM. */
  reference: PriceTable | null;
}

export interface DirectEndpointResult {
  endpoint: CatalogEndpoint;
  /** Where the prices came from. */
  priceSource: 'models.dev' | 'litellm';
  /** Disagreements between models.dev and LiteLLM, for the generator's report. */
  warnings: string[];
}

/**
 * Builds a direct vendor endpoint from a models.dev entry (USD per 1M tokens), with LiteLLM
 * (USD per token) as the fallback when models.dev has no cost and as a cross-check otherwise.
 * Returns null when neither source prices the model.
 */
export function buildDirectEndpoint(input: DirectEndpointInput): DirectEndpointResult | null {
  const { provider, vendorId, model } = input;
  const litellm = findLitellmEntry(input.litellm, provider, vendorId);
  const fromModelsDev = priceFromModelsDev(model);
  const fromLitellm = litellm ? priceFromLitellm(litellm) : null;
  const pricing = fromModelsDev ?? fromLitellm;
  if (!pricing) return null;

  const warnings: string[] = [];
  if (fromModelsDev && fromLitellm) {
    for (const key of ['prompt', 'completion'] as const) {
      const [md, ll] = [fromModelsDev[key], fromLitellm[key]];
      if (md === ll) continue;
      // Off by 2× or more, one source is wrong (image-output prices, 32k variants, typos):
      // keep the one nearer OpenRouter's price for the same model.
      const ref = input.reference?.[key];
      const useLitellm = ref !== undefined && ratio(md, ll) >= 2 && closerTo(ref, ll, md);
      if (useLitellm) pricing[key] = ll;
      warnings.push(`${provider.slug} ${vendorId}: ${key} models.dev ${md} ≠ litellm ${ll}${useLitellm ? ' (litellm kept)' : ''}`);
    }
    // models.dev has no 1-hour cache write price; take LiteLLM's when both agree on the base price.
    if (fromLitellm.input_cache_write_1h && fromModelsDev.prompt === fromLitellm.prompt) {
      pricing.input_cache_write_1h = fromLitellm.input_cache_write_1h;
    }
    // models.dev has no image-output price either: LiteLLM's per-image-token price is the vendor's.
    if (fromLitellm.image_output) pricing.image_output = fromLitellm.image_output;
  }

  const endpoint: CatalogEndpoint = {
    provider: provider.slug,
    model: vendorId,
    context_length: positiveOrNull(model.limit?.context ?? litellm?.max_input_tokens),
    max_completion_tokens: positiveOrNull(model.limit?.output ?? litellm?.max_output_tokens),
    pricing: orderPriceTable(pricing),
    quantization: input.quantization,
    supported_parameters: deriveSupportedParameters(model, Boolean(provider.noSamplingExtras || input.anthropicModel)),
  };
  return { endpoint, priceSource: fromModelsDev ? 'models.dev' : 'litellm', warnings };
}

function findLitellmEntry(
  entries: Map<string, LitellmEntry>,
  provider: DirectProvider,
  vendorId: string,
): LitellmEntry | null {
  for (const prefix of provider.litellm.prefixes) {
    const entry = entries.get(prefix + vendorId);
    if (entry?.litellm_provider && provider.litellm.providers.includes(entry.litellm_provider)) return entry;
  }
  return null;
}

function priceFromModelsDev(model: ModelsDevModel): PriceTable | null {
  const cost = model.cost;
  if (!cost || typeof cost.input !== 'number' || typeof cost.output !== 'number') return null;
  const table: PriceTable = { prompt: perMillion(cost.input), completion: perMillion(cost.output) };
  setIfPositive(table, 'input_cache_read', cost.cache_read, -6);
  setIfPositive(table, 'input_cache_write', cost.cache_write, -6);
  setIfPositive(table, 'internal_reasoning', cost.reasoning, -6);
  return table;
}

function priceFromLitellm(entry: LitellmEntry): PriceTable | null {
  if (typeof entry.input_cost_per_token !== 'number' || typeof entry.output_cost_per_token !== 'number') return null;
  const table: PriceTable = {
    prompt: normalizePrice(entry.input_cost_per_token),
    completion: normalizePrice(entry.output_cost_per_token),
  };
  setIfPositive(table, 'input_cache_read', entry.cache_read_input_token_cost, 0);
  setIfPositive(table, 'input_cache_write', entry.cache_creation_input_token_cost, 0);
  setIfPositive(table, 'input_cache_write_1h', entry.cache_creation_input_token_cost_above_1hr, 0);
  setIfPositive(table, 'internal_reasoning', entry.output_cost_per_reasoning_token, 0);
  setIfPositive(table, 'image_output', entry.output_cost_per_image_token, 0);
  return table;
}

function perMillion(value: number): string {
  return normalizePrice(value, -6);
}

function setIfPositive(
  table: PriceTable,
  key: 'input_cache_read' | 'input_cache_write' | 'input_cache_write_1h' | 'internal_reasoning' | 'image_output',
  value: number | undefined,
  scaleExponent: number,
): void {
  if (typeof value !== 'number' || !(value > 0)) return;
  const price = normalizePrice(value, scaleExponent);
  if (price !== '0') table[key] = price;
}

/** Fixed key order so the generated file is stable. */
function orderPriceTable(table: PriceTable): PriceTable {
  const ordered: PriceTable = { prompt: table.prompt, completion: table.completion };
  for (const key of ['input_cache_read', 'input_cache_write', 'input_cache_write_1h', 'internal_reasoning', 'image_output'] as const) {
    if (table[key] !== undefined) ordered[key] = table[key];
  }
  return ordered;
}

function deriveSupportedParameters(model: ModelsDevModel, noSamplingExtras: boolean): string[] {
  const params = new Set(['max_tokens', 'stop']);
  const sampling = model.temperature !== false;
  if (sampling) {
    params.add('temperature');
    params.add('top_p');
    if (!noSamplingExtras) {
      for (const p of ['seed', 'frequency_penalty', 'presence_penalty']) params.add(p);
    }
  }
  if (model.tool_call) {
    params.add('tools');
    params.add('tool_choice');
  }
  if (model.reasoning) {
    params.add('reasoning');
    params.add('include_reasoning');
  }
  if (model.structured_output) {
    params.add('response_format');
    params.add('structured_outputs');
  }
  return [...params].sort();
}

/** max(a,b)/min(a,b) as a float: only compared against small thresholds. */
function ratio(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (x === 0 || y === 0) return x === y ? 1 : Number.POSITIVE_INFINITY;
  return Math.max(x, y) / Math.min(x, y);
}

/** Whether `candidate` is nearer `reference` than `other` is, on a ratio scale. */
function closerTo(reference: string, candidate: string, other: string): boolean {
  return ratio(reference, candidate) < ratio(reference, other);
}

function positiveOrNull(value: number | undefined): number | null {
  return typeof value === 'number' && value > 0 ? value : null;
}
