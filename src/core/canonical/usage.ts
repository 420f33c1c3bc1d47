/**
 * Token usage as OpenRouter reports it (OpenAI's shape plus cost fields).
 * `cost` is a number of USD on the wire, computed from exact integer money (billing/).
 */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number; audio_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number; image_tokens?: number; audio_tokens?: number };
  cost?: number;
  is_byok?: boolean;
  cost_details?: {
    upstream_inference_cost: number | null;
    upstream_inference_prompt_cost: number;
    upstream_inference_completions_cost: number;
  };
}

/** Token counts as read from an upstream, before pricing. */
export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
  cachedReadTokens: number;
  cacheWriteTokens: number;
  /** Of cacheWriteTokens, those written with a 1-hour TTL (billed at input_cache_write_1h when priced). */
  cacheWrite1hTokens?: number;
  /** Images in the prompt (billed per image at `pricing.image`); counted from the request when absent. */
  promptImages?: number;
  reasoningTokens: number;
  /** Of completionTokens, those spent on generated images (billed at `image_output` when priced). */
  completionImageTokens?: number;
}

/** Zero counts, for requests that never produced usage. */
export const ZERO_TOKENS: Readonly<TokenCounts> = Object.freeze({
  promptTokens: 0,
  completionTokens: 0,
  cachedReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});
