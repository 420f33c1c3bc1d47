import type { EmbeddingsOptions } from './embeddings.js';

/**
 * The canonical request: an OpenAI Chat Completions body in OpenRouter's dialect.
 * Validated once at the edge (see http/parse-chat-request.ts); unknown fields are kept
 * so they can be forwarded to OpenAI-compatible upstreams untouched.
 * @see https://openrouter.ai/docs/api-reference/chat-completion
 */
export interface ChatRequest {
  model?: string;
  models?: string[];
  messages: ChatMessage[];
  stream?: boolean;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  tools?: unknown[];
  tool_choice?: unknown;
  response_format?: unknown;
  provider?: ProviderPreferences;
  reasoning?: ReasoningConfig;
  user?: string;
  session_id?: string;
  /** Set only by the embeddings endpoint: the messages are then the inputs to embed (see core/canonical/embeddings.ts). */
  embeddings?: EmbeddingsOptions;
  /** Set only by the Anthropic Messages endpoint; see {@link AnthropicPassthrough}. */
  anthropic?: AnthropicPassthrough;
  [field: string]: unknown;
}

/**
 * What an Anthropic Messages client sent that has no OpenAI equivalent, kept as sent so an
 * Anthropic-protocol upstream gets the request unchanged (the translated canonical fields
 * are what every other upstream gets). Never forwarded to OpenAI-compatible upstreams.
 */
export interface AnthropicPassthrough {
  /** The client's `anthropic-beta` flags, forwarded as they came. */
  betas: string[];
  /**
   * True when `messages` carried `role: "system"` turns after the first user turn: Anthropic
   * upstreams get them at the same position, not merged into the top-level `system`.
   */
  inlineSystem: boolean;
  /**
   * Top-level fields re-sent verbatim: `thinking`, `output_config` (without `format`, which is
   * translated), `context_management`, `metadata`, `cache_control`, `tools` as sent (with
   * `defer_loading`, Anthropic-hosted tools), and any field the gateway does not interpret
   * itself (`container`, `service_tier`, …).
   */
  fields: Record<string, unknown>;
}

export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export interface ChatMessage {
  role: ChatRole;
  content?: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  reasoning?: string | null;
  reasoning_details?: unknown[];
  /**
   * An Anthropic client's turn-level fields beyond role and content (per-turn `output_config`,
   * …), re-sent on that turn to Anthropic upstreams only.
   */
  anthropic?: Record<string, unknown>;
  [field: string]: unknown;
}

export type ContentPart =
  | { type: 'text'; text: string; cache_control?: unknown }
  | { type: 'image_url'; image_url: { url: string; detail?: string } }
  | { type: string; [field: string]: unknown };

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ReasoningConfig {
  effort?: string;
  max_tokens?: number;
  exclude?: boolean;
  enabled?: boolean;
}

/** OpenRouter's `provider` routing object; interpreted by routing/. */
export interface ProviderPreferences {
  order?: string[];
  allow_fallbacks?: boolean;
  require_parameters?: boolean;
  data_collection?: 'allow' | 'deny';
  zdr?: boolean;
  only?: string[];
  ignore?: string[];
  quantizations?: string[];
  /** `"price" | "throughput" | "latency"` or `{by, partition: "model" | "none"}`. */
  sort?: unknown;
  /** USD per million tokens (prompt, completion) or per unit (request, image). */
  max_price?: Record<string, number | string>;
  /** Tokens per second (p50) or `{p50?, p75?, p90?, p99?}`. */
  preferred_min_throughput?: number | Record<string, number>;
  /** Seconds to first token (p50) or `{p50?, p75?, p90?, p99?}`. */
  preferred_max_latency?: number | Record<string, number>;
  [field: string]: unknown;
}
