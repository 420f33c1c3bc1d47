import type { StreamPart } from '../../core/canonical/stream-part.js';
import type { InferenceContext } from '../../pipeline/inference-context.js';
import type { StreamEncoder } from '../../core/sse-sink.js';
import { chatRequestSchema } from './chat-request-schema.js';
import { responseHeader, type InboundCodec } from './inbound-codec.js';
import { parseWithSchema } from './parse-with-schema.js';
import type { ChatRequest } from '../../core/canonical/chat-request.js';

/**
 * OpenRouter's chat completions skin: `chat.completion` objects with `provider`,
 * `native_finish_reason` and priced `usage`; `chat.completion.chunk` SSE frames.
 * @see https://openrouter.ai/docs/api-reference/chat-completion
 */
export const chatCompletionsCodec: InboundCodec = {
  apiType: 'chat',

  parseRequest: (body) => parseWithSchema(chatRequestSchema, body) as ChatRequest,

  encodeResult({ ctx, result, usage }) {
    // Built in place rather than from spreads: the same keys in the same order (a carried field
    // named like a header key replaces it where it stands), without copying two objects.
    // `extra` holds only fields the protocol reader names (service_tier), never client input.
    const body = responseHeader(ctx, 'chat.completion');
    body.system_fingerprint = result.systemFingerprint;
    const extra = result.extra;
    for (const key in extra) body[key] = extra[key];
    body.choices = result.choices.map((choice) => ({
      index: choice.index,
      logprobs: choice.logprobs ?? null,
      finish_reason: choice.finishReason,
      native_finish_reason: choice.nativeFinishReason,
      message: choice.message,
    }));
    body.usage = usage;
    return body;
  },

  createStreamEncoder(ctx: InferenceContext): StreamEncoder {
    // Members are added to a fresh header rather than after a spread copy of it (`{ ...header(), … }`):
    // V8 11 (Node 20) adds each member that follows a spread through a slow path, about 2 µs each.
    const header = () => responseHeader(ctx, 'chat.completion.chunk');
    const chunk = (choices: unknown[]) => {
      const body = header();
      body.choices = choices;
      return JSON.stringify(body);
    };
    return {
      relaysOpenAIFrames: true,
      encodeParts: (parts) => parts.flatMap((part) => encodeChatPart(part, chunk)),
      encodeUsage: (usage) => {
        const body = header();
        body.choices = [];
        body.usage = usage;
        return JSON.stringify(body);
      },
      encodeError: (error) => {
        const body = header();
        body.error = error;
        body.choices = [{ index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: null }];
        return JSON.stringify(body);
      },
    };
  },
};

function encodeChatPart(part: StreamPart, chunk: (choices: unknown[]) => string): string[] {
  const choice = (index: number, delta: Record<string, unknown>) => ({ index, delta, finish_reason: null, native_finish_reason: null });
  switch (part.type) {
    case 'response-start':
      return [chunk([choice(0, { role: 'assistant', content: '' })])];
    case 'text-delta':
      return [chunk([choice(part.choice, { content: part.text })])];
    case 'reasoning-delta':
      return [chunk([choice(part.choice, { reasoning: part.text, ...(part.details ? { reasoning_details: part.details } : {}) })])];
    case 'tool-call-start':
      return [chunk([choice(part.choice, { tool_calls: [{ index: part.index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }] })])];
    case 'tool-call-delta':
      return [chunk([choice(part.choice, { tool_calls: [{ index: part.index, function: { arguments: part.argumentsDelta } }] })])];
    case 'image':
      // OpenRouter streams each generated image whole, as `delta.images` on one chunk.
      return [chunk([choice(part.choice, { images: [part.image] })])];
    case 'finish':
      return [chunk([{ index: part.choice, delta: {}, finish_reason: part.finishReason, native_finish_reason: part.nativeFinishReason }])];
    case 'usage':
      return [];
  }
}
