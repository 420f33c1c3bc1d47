import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LITELLM_FILE = 'litellm_model_prices_and_context_window.json';

/** A LiteLLM entry (prices in USD per token, as JSON numbers). */
export interface LitellmEntry {
  litellm_provider?: string;
  mode?: string;
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  cache_creation_input_token_cost_above_1hr?: number;
  output_cost_per_reasoning_token?: number;
  output_cost_per_image_token?: number;
  max_input_tokens?: number;
  max_output_tokens?: number;
}

/** Reads LiteLLM's price map, without its `sample_spec` and `fallback_generalizations` keys. */
export function readLitellmPrices(dir: string): Map<string, LitellmEntry> {
  const raw = JSON.parse(readFileSync(join(dir, LITELLM_FILE), 'utf8')) as Record<string, LitellmEntry>;
  const entries = new Map<string, LitellmEntry>();
  for (const [key, entry] of Object.entries(raw)) {
    if (key === 'sample_spec' || key === 'fallback_generalizations') continue;
    entries.set(key, entry);
  }
  return entries;
}
