import { estimatePromptTokens } from '../core/estimate-tokens.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import { DEFAULT_EXPECTED_COMPLETION, type RequestFeatures } from './select-endpoints.js';

/**
 * The request features endpoint selection uses. The prompt is tokenized (gpt-tokenizer)
 * only when something needs the count: a price comparison or a context
 * that the character count alone cannot prove big enough.
 */
export function readRequestFeatures(request: ChatRequest): RequestFeatures {
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  return {
    // Memoised per request by estimatePromptTokens, shared with rate limiting and billing.
    promptTokens: () => estimatePromptTokens(request),
    promptTokensUpperBound: promptCharacters(request),
    maxTokens,
    expectedCompletionTokens: maxTokens ?? DEFAULT_EXPECTED_COMPLETION,
    wantsTools: (Array.isArray(request.tools) && request.tools.length > 0) || (request.tool_choice !== undefined && request.tool_choice !== 'none'),
  };
}

/** Characters of every message text plus per-message overhead: never fewer than the tokens. */
function promptCharacters(request: ChatRequest): number {
  let total = 3;
  for (const message of request.messages ?? []) {
    total += 4;
    const { content } = message;
    if (typeof content === 'string') total += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) total += 'text' in part && typeof part.text === 'string' ? part.text.length : 1000;
    }
    for (const call of message.tool_calls ?? []) total += call.function.name.length + call.function.arguments.length;
  }
  if (request.tools) total += JSON.stringify(request.tools).length;
  return total;
}
