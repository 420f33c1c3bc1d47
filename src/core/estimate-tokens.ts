import { encode } from 'gpt-tokenizer';
import type { ChatRequest } from './canonical/chat-request.js';
import type { TokenCounts } from './canonical/usage.js';

/**
 * Token estimates with a real BPE tokenizer (o200k), for upstreams that report no usage and
 * for budget reservations. Per-message overhead follows OpenAI's chat format (3 + 1 per name).
 */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : encode(text).length;
}

/**
 * Prompt counts already taken, keyed by the messages array (the tools the count included kept
 * beside it): the rate limiter, routing and the budget reservation all ask for the same
 * request's count, and guardrails that redact replace `messages`, so a stale count is never reused.
 */
const counted = new WeakMap<object, { tools: ChatRequest['tools']; tokens: number }>();

/** The request's prompt tokens (tokenizer estimate), counted once per messages array and tools. */
export function estimatePromptTokens(request: ChatRequest): number {
  const messages = request.messages;
  if (!messages) return countPromptTokens(request);
  const seen = counted.get(messages);
  if (seen && seen.tools === request.tools) return seen.tokens;
  const tokens = countPromptTokens(request);
  counted.set(messages, { tools: request.tools, tokens });
  return tokens;
}

function countPromptTokens(request: ChatRequest): number {
  let total = 3;
  for (const message of request.messages ?? []) {
    total += 3;
    const { content } = message;
    if (typeof content === 'string') total += countTokens(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === 'text' && typeof part.text === 'string') total += countTokens(part.text);
        else if (part.type === 'image_url') total += 85;
      }
    }
    if (message.name) total += 1;
    for (const call of message.tool_calls ?? []) total += countTokens(call.function.name) + countTokens(call.function.arguments);
  }
  if (request.tools) total += countTokens(JSON.stringify(request.tools));
  return total;
}

/**
 * Counts for a generation whose upstream reported no usage: the prompt estimated from the
 * request, the completion counted over the text that came back. Both the streamed and the
 * non-streamed path use this, so neither ever bills a generation at zero for lack of usage.
 */
export function estimateTokenCounts(options: { request: ChatRequest; completionText: string }): TokenCounts {
  return {
    promptTokens: estimatePromptTokens(options.request),
    completionTokens: countTokens(options.completionText),
    cachedReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  };
}
