import type { ChatResult, ChatResultChoice } from '../../core/canonical/chat-response.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

const CARRIED_FIELDS = ['service_tier'];

/**
 * Reads a non-streaming OpenAI-compatible chat completion. Anything that is not a chat
 * completion (bad JSON, no `choices`) is an invalid upstream response: 502, retryable.
 * DeepSeek-style `reasoning_content` is normalised to OpenRouter's `reasoning`.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function fromOpenAIChatResponse(bodyText: string, provider: string): ChatResult {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    throw invalidResponse(provider, 'body is not valid JSON', bodyText);
  }
  if (!body || typeof body !== 'object' || !Array.isArray(body.choices)) {
    throw invalidResponse(provider, 'body has no choices', bodyText);
  }
  const choices = (body.choices as Array<Record<string, unknown>>).map((choice, position): ChatResultChoice => {
    // One copy, changed in place (keys keep their order, as spreading it again would).
    const message: Record<string, unknown> = { ...((choice.message as Record<string, unknown> | undefined) ?? {}) };
    if (Object.hasOwn(message, 'reasoning_content')) {
      if (message.reasoning === undefined && typeof message.reasoning_content === 'string') {
        message.reasoning = message.reasoning_content;
      }
      delete message.reasoning_content;
    }
    message.role = 'assistant';
    message.content = (message.content as string | null | undefined) ?? null;
    return {
      index: typeof choice.index === 'number' ? choice.index : position,
      message: message as ChatResultChoice['message'],
      finishReason: mapOpenAIFinishReason(choice.finish_reason),
      nativeFinishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
      logprobs: choice.logprobs,
    };
  });
  const extra: Record<string, unknown> = {};
  for (const field of CARRIED_FIELDS) if (body[field] !== undefined) extra[field] = body[field];
  return {
    upstreamId: typeof body.id === 'string' ? body.id : null,
    choices,
    tokens: convertOpenAIUsage(body.usage),
    systemFingerprint: typeof body.system_fingerprint === 'string' ? body.system_fingerprint : null,
    extra,
  };
}
