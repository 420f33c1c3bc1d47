/**
 * Shapes of the model catalog: the generated built-in file (builtin-catalog.json,
 * written by scripts/generate-catalog.ts) and models added in config use the same types.
 * Prices are decimal strings in USD per unit (per token unless noted), as OpenRouter sends them.
 */
export interface PriceTable {
  prompt: string;
  completion: string;
  request?: string;
  image?: string;
  input_cache_read?: string;
  input_cache_write?: string;
  input_cache_write_1h?: string;
  internal_reasoning?: string;
  /** Per generated-image output token (OpenRouter's `image_output`); text output stays at `completion`. */
  image_output?: string;
  web_search?: string;
}

export interface CatalogEndpoint {
  /** Provider slug, e.g. "openai", "groq", "openrouter". Must match a provider id. */
  provider: string;
  /** The model name the upstream expects, e.g. "gpt-4o-mini" or "llama-3.3-70b-versatile". */
  model: string;
  context_length: number | null;
  max_completion_tokens: number | null;
  pricing: PriceTable;
  quantization: string | null;
  supported_parameters: string[];
  /** Overrides of the provider's data policy for this endpoint (config `data_policy` keys). */
  data_policy?: { zdr?: boolean; trains_on_data?: boolean; retains_prompts?: number; region?: string; moderated?: boolean };
}

export interface CatalogModel {
  /** OpenRouter id, `author/slug`. */
  id: string;
  canonical_slug: string;
  name: string;
  created: number;
  description: string;
  hugging_face_id: string | null;
  context_length: number | null;
  architecture: {
    modality: string;
    input_modalities: string[];
    output_modalities: string[];
    tokenizer: string;
    instruct_type: string | null;
  };
  /** Price of the first ("top") endpoint, as OpenRouter's /models shows. */
  pricing: PriceTable;
  top_provider: { context_length: number | null; max_completion_tokens: number | null; is_moderated: boolean };
  supported_parameters: string[];
  reasoning?: { mandatory: boolean; default_enabled?: boolean; supported_efforts?: string[] } | null;
  knowledge_cutoff: string | null;
  endpoints: CatalogEndpoint[];
}

export interface CatalogFile {
  generated_at: string;
  sources: string[];
  models: CatalogModel[];
}
