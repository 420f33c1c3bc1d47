import type { FinishReason } from './finish-reason.js';
import type { ToolCall } from './chat-request.js';
import type { GeneratedImage } from './generated-image.js';
import type { TokenCounts } from './usage.js';

/**
 * What a protocol adapter returns for a non-streaming call, before the gateway
 * stamps its own id, model slug, provider name and priced usage on it.
 */
export interface ChatResult {
  upstreamId: string | null;
  choices: ChatResultChoice[];
  /** Undefined when the upstream reported no usage; the gateway then counts the tokens itself. */
  tokens: TokenCounts | undefined;
  systemFingerprint: string | null;
  /** Fields the upstream sent that the encoder may carry over verbatim (service_tier, …). */
  extra: Record<string, unknown>;
}

export interface ChatResultChoice {
  index: number;
  message: {
    role: 'assistant';
    content: string | null;
    reasoning?: string | null;
    reasoning_details?: unknown[];
    tool_calls?: ToolCall[];
    refusal?: string | null;
    /** Generated images (OpenRouter's `message.images`), when the request asked for image output. */
    images?: GeneratedImage[];
    [field: string]: unknown;
  };
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  logprobs?: unknown;
}
