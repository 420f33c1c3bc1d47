import type { ToolCall } from '../../core/canonical/chat-request.js';
import type { GeneratedImage } from '../../core/canonical/generated-image.js';
import type { ChatResult, ChatResultChoice } from '../../core/canonical/chat-response.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import type { GeminiCandidate, GeminiResponse } from './gemini-api.js';
import { geminiStreamError } from './gemini-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { GeminiPartReader, type GeminiReasoningDetail } from './read-gemini-parts.js';

/**
 * Reads a non-streaming `generateContent` response: text parts → `content`, thought parts →
 * `reasoning`, function calls → `tool_calls`, `inlineData` output → `images` (data URLs), thought signatures → `reasoning_details`
 * (OpenRouter's `google-gemini-v1` format), usage with cached and thought tokens. A prompt
 * blocked before generation is a `content_filter` choice with the block reason as the native
 * finish reason. Anything else without candidates is an invalid response (502, retryable).
 * @see https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export function fromGeminiResponse(bodyText: string, provider: string): ChatResult {
  let body: GeminiResponse;
  try {
    body = JSON.parse(bodyText) as GeminiResponse;
  } catch {
    throw invalidResponse(provider, 'body is not valid JSON', bodyText);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidResponse(provider, 'body is not an object', bodyText);
  if (body.error) throw geminiStreamError(body.error, provider);
  const candidates = Array.isArray(body.candidates) ? body.candidates : [];
  let choices: ChatResultChoice[];
  if (candidates.length > 0) {
    choices = candidates.map((candidate, position) => toChoice(candidate, position));
  } else if (body.promptFeedback?.blockReason) {
    const reason = body.promptFeedback.blockReason;
    choices = [{ index: 0, message: { role: 'assistant', content: null }, finishReason: 'content_filter', nativeFinishReason: reason }];
  } else {
    throw invalidResponse(provider, 'body has no candidates', bodyText);
  }
  return {
    upstreamId: typeof body.responseId === 'string' ? body.responseId : null,
    choices,
    tokens: convertGeminiUsage(body.usageMetadata),
    systemFingerprint: null,
    extra: {},
  };
}

function toChoice(candidate: GeminiCandidate, position: number): ChatResultChoice {
  const reader = new GeminiPartReader();
  let content = '';
  let reasoning = '';
  const details: GeminiReasoningDetail[] = [];
  const toolCalls: ToolCall[] = [];
  const images: GeneratedImage[] = [];
  for (const piece of reader.read(candidate.content?.parts)) {
    if (piece.kind === 'text') content += piece.text;
    else if (piece.kind === 'reasoning') {
      reasoning += piece.text;
      details.push(...piece.details);
    } else if (piece.kind === 'image') images.push(piece.image);
    else toolCalls.push({ id: piece.id, type: 'function', function: { name: piece.name, arguments: piece.arguments } });
  }
  const message: ChatResultChoice['message'] = { role: 'assistant', content: content || null };
  if (reasoning) message.reasoning = reasoning;
  if (details.length > 0) message.reasoning_details = details;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (images.length > 0) message.images = images;
  const native = typeof candidate.finishReason === 'string' ? candidate.finishReason : null;
  return {
    index: typeof candidate.index === 'number' ? candidate.index : position,
    message,
    finishReason: mapGeminiFinishReason(native, reader.hasToolCalls),
    nativeFinishReason: native,
  };
}
