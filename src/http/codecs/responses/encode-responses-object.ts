import { packReasoningDetails } from './carry-reasoning-details.js';
import type { ChatResultChoice } from '../../../core/canonical/chat-response.js';
import type { GeneratedImage } from '../../../core/canonical/generated-image.js';
import type { Usage } from '../../../core/canonical/usage.js';

/** One item of a response's `output`. */
export type ResponsesItem = Record<string, unknown> & { type: string; id: string };

export interface ResponsesObjectInput {
  id: string;
  model: string | null;
  /** Milliseconds since the epoch; encoded as whole seconds (the ai SDK wants a number). */
  createdAtMs: number;
  choice: ChatResultChoice;
  usage: Usage;
  /** The request's `metadata`, echoed as OpenAI does. */
  metadata?: unknown;
}

/**
 * Encodes one canonical result as an OpenAI Responses API `response` object: reasoning item (when present),
 * message item with an output_text part, one image_generation_call item per generated image (base64 `result`),
 * one function_call item per tool call (`call_id`, string `arguments`),
 * `status` incomplete with `incomplete_details.reason: "max_output_tokens"` on a length finish, usage with
 * cached and reasoning tokens and OpenRouter's `cost`.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function encodeResponsesObject(input: ResponsesObjectInput): Record<string, unknown> {
  const { message, finishReason } = input.choice;
  const output: ResponsesItem[] = [];
  if (message.reasoning || message.reasoning_details?.length) {
    output.push(toReasoningItem(`rs_${input.id}`, message.reasoning ?? '', message.reasoning_details ?? []));
  }
  if (message.content) {
    output.push({ type: 'message', id: `msg_${input.id}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: message.content, annotations: [] }] });
  }
  (message.images ?? []).forEach((image, index) => output.push(toImageGenerationItem(`ig_${input.id}_${index}`, image)));
  for (const call of message.tool_calls ?? []) {
    output.push({ type: 'function_call', id: `fc_${call.id}`, call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: 'completed' });
  }
  const incomplete = finishReason === 'length';
  return {
    id: input.id,
    object: 'response',
    created_at: Math.floor(input.createdAtMs / 1000),
    model: input.model,
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    error: null,
    output,
    output_text: message.content ?? '',
    metadata: input.metadata ?? {},
    usage: encodeResponsesUsage(input.usage),
  };
}

/** Priced canonical usage as a response's `usage` (cached and reasoning tokens, OpenRouter's `cost`). */
export function encodeResponsesUsage(usage: Usage): Record<string, unknown> {
  return {
    input_tokens: usage.prompt_tokens,
    // cache_write_tokens as on OpenRouter's chat usage, when the upstream wrote to its prompt cache.
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0, ...(usage.prompt_tokens_details?.cache_write_tokens ? { cache_write_tokens: usage.prompt_tokens_details.cache_write_tokens } : {}) },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens,
    ...(usage.cost !== undefined ? { cost: usage.cost } : {}),
  };
}

/**
 * A generated image as OpenAI's `image_generation_call` output item: `result` is the bare base64 image (the
 * data URL's payload), as OpenAI's image tool returns it.
 */
export function toImageGenerationItem(id: string, image: GeneratedImage): ResponsesItem {
  const url = image.image_url.url;
  const comma = url.indexOf(',');
  const format = /^data:image\/([a-z]+);/.exec(url)?.[1];
  return { type: 'image_generation_call', id, status: 'completed', result: comma >= 0 ? url.slice(comma + 1) : url, ...(format ? { output_format: format } : {}) };
}

/**
 * A reasoning item: the reasoning text as its summary, and the upstream's signatures and encrypted reasoning
 * packed as `encrypted_content`, so a stateless client can pass them back unchanged.
 */
export function toReasoningItem(id: string, text: string, details: unknown[]): ResponsesItem {
  const encrypted = packReasoningDetails(details);
  return {
    type: 'reasoning',
    id,
    summary: text === '' ? [] : [{ type: 'summary_text', text }],
    ...(encrypted !== undefined ? { encrypted_content: encrypted } : {}),
  };
}
