import type { ChatRequest } from '../../core/canonical/chat-request.js';
import type { InferenceContext } from '../../pipeline/inference-context.js';
import type { StreamEncoder } from '../../core/sse-sink.js';
import { completionRequestSchema } from './chat-request-schema.js';
import { responseHeader, type InboundCodec } from './inbound-codec.js';
import { parseWithSchema } from './parse-with-schema.js';

/**
 * The legacy text-completions skin: `prompt` in, `choices[].text` out. The prompt is sent
 * upstream as one user message, so every chat model can serve it, as on OpenRouter.
 */
export const completionsCodec: InboundCodec = {
  apiType: 'completions',

  parseRequest(body) {
    const { prompt, ...rest } = parseWithSchema(completionRequestSchema, body);
    const text = Array.isArray(prompt) ? (prompt[0] as string) : prompt;
    return { ...rest, messages: [{ role: 'user', content: text }] } as ChatRequest;
  },

  encodeResult({ ctx, result, usage }) {
    // Members are added to a fresh header rather than after a spread copy of it: V8 11 (Node 20)
    // adds each member that follows a spread through a slow path, about 2 µs each.
    const body = responseHeader(ctx, 'text_completion');
    body.system_fingerprint = result.systemFingerprint;
    body.choices = result.choices.map((choice) => ({
        index: choice.index,
        text: choice.message.content ?? '',
        ...(choice.message.reasoning ? { reasoning: choice.message.reasoning } : {}),
        logprobs: null,
        finish_reason: choice.finishReason,
        native_finish_reason: choice.nativeFinishReason,
      }));
    body.usage = usage;
    return body;
  },

  createStreamEncoder(ctx: InferenceContext): StreamEncoder {
    const chunk = (choices: unknown[]) => {
      const body = responseHeader(ctx, 'text_completion');
      body.choices = choices;
      return JSON.stringify(body);
    };
    return {
      relaysOpenAIFrames: false,
      encodeParts: (parts) =>
        parts.flatMap((part) => {
          if (part.type === 'text-delta') return [chunk([{ index: part.choice, text: part.text, logprobs: null, finish_reason: null }])];
          if (part.type === 'reasoning-delta') return [chunk([{ index: part.choice, text: '', reasoning: part.text, logprobs: null, finish_reason: null }])];
          if (part.type === 'finish') {
            return [chunk([{ index: part.choice, text: '', logprobs: null, finish_reason: part.finishReason, native_finish_reason: part.nativeFinishReason }])];
          }
          return [];
        }),
      encodeUsage: (usage) => {
        const body = responseHeader(ctx, 'text_completion');
        body.choices = [];
        body.usage = usage;
        return JSON.stringify(body);
      },
      encodeError: (error) => {
        const body = responseHeader(ctx, 'text_completion');
        body.error = error;
        body.choices = [{ index: 0, text: '', finish_reason: 'error' }];
        return JSON.stringify(body);
      },
    };
  },
};
