/**
 * Wire types of Anthropic's Messages API (`POST /v1/messages`), both directions: what the
 * gateway sends upstream and what comes back, streamed or not. Type-only module; the inbound
 * `/api/v1/messages` codec and the simulator use the same shapes.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */

/** `{"type":"ephemeral","ttl":"5m"|"1h"}`, allowed on system text, tools and message blocks. */
export interface AnthropicCacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
  /** Newer keys (`scope`, …) are forwarded as the client sent them. */
  [field: string]: unknown;
}

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
  /** Responses only; the gateway does not interpret them. */
  citations?: unknown[] | null;
}

export type AnthropicImageSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string };

export interface AnthropicImageBlock {
  type: 'image';
  source: AnthropicImageSource;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicDocumentBlock {
  type: 'document';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string } | { type: 'text'; media_type: 'text/plain'; data: string };
  title?: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  /** A JSON object, never a string. */
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock>;
  is_error?: boolean;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicThinkingBlock {
  type: 'thinking';
  thinking: string;
  /** Opaque; must be sent back unmodified on the next turn. */
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

/** Blocks a request may carry in `messages[].content`. */
export type AnthropicRequestBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

/** Blocks a response may carry in `content`. */
export type AnthropicResponseBlock = AnthropicTextBlock | AnthropicToolUseBlock | AnthropicThinkingBlock | AnthropicRedactedThinkingBlock;

export interface AnthropicMessage {
  /** `system`: a mid-conversation instruction (Claude Opus 4.8+), text blocks only. */
  role: 'user' | 'assistant' | 'system';
  content: string | AnthropicRequestBlock[];
  /** Turn-level fields newer than these types (per-turn `output_config`, …), forwarded as sent. */
  [field: string]: unknown;
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type AnthropicThinkingConfig = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' } | { type: 'adaptive' };

/** The request body of `POST /v1/messages`. */
export interface AnthropicMessagesRequest {
  model: string;
  /** Required by Anthropic (OpenAI makes it optional). */
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string | AnthropicTextBlock[];
  stop_sequences?: string[];
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: AnthropicThinkingConfig;
  metadata?: { user_id?: string };
  service_tier?: 'auto' | 'standard_only';
  /** Automatic caching: marks the last cacheable block. */
  cache_control?: AnthropicCacheControl;
}

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

/**
 * Token usage. `input_tokens` excludes cached tokens: the whole prompt is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`.
 */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number } | null;
  output_tokens_details?: { thinking_tokens: number } | null;
  service_tier?: string | null;
}

/** The response body of a non-streaming `POST /v1/messages`. */
export interface AnthropicMessagesResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

/** `{"type":"error","error":{"type":…,"message":…},"request_id":…}`, as a body or a stream event. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType | string; message: string };
  request_id?: string;
}

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error';

export type AnthropicContentDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'citations_delta'; citation: unknown };

/** One SSE event of a streamed response; `event:` carries the same name as `type`. */
export type AnthropicStreamEvent =
  | { type: 'message_start'; message: Omit<AnthropicMessagesResponse, 'content'> & { content: AnthropicResponseBlock[] } }
  | { type: 'content_block_start'; index: number; content_block: AnthropicResponseBlock }
  | { type: 'content_block_delta'; index: number; delta: AnthropicContentDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: AnthropicStopReason | null; stop_sequence: string | null };
      usage: Partial<AnthropicUsage> & { output_tokens: number };
    }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | AnthropicErrorBody;

/** The `anthropic-version` every request carries. */
export const ANTHROPIC_VERSION = '2023-06-01';

/** `reasoning_details[].format` for Anthropic thinking blocks (OpenRouter's label). */
export const ANTHROPIC_REASONING_FORMAT = 'anthropic-claude-v1';
