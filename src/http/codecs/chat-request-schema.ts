import { z } from 'zod';
import { providerPreferencesSchema } from '../../routing/provider-preferences.js';

const contentPart = z.looseObject({ type: z.string() });
const content = z.union([z.string(), z.array(contentPart), z.null()]);

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: content.optional(),
  name: z.string().optional(),
  tool_calls: z
    .array(z.looseObject({ id: z.string(), type: z.string().optional(), function: z.looseObject({ name: z.string(), arguments: z.string() }) }))
    .optional(),
  tool_call_id: z.string().optional(),
});

const int = z.number().int();

/** Most messages one request may carry (a clear 400 beyond, before any per-message work). */
export const MAX_MESSAGES = 10_000;
const tooManyMessages = `at most ${MAX_MESSAGES} messages per request`;

/**
 * The chat request as validated at the edge: OpenAI's fields plus OpenRouter's extensions.
 * Types and ranges are checked for the fields the gateway reads; everything else passes
 * through untouched (unknown fields are accepted and forwarded where the upstream takes them).
 */
export const chatRequestSchema = z.looseObject({
  model: z.string().min(1).optional(),
  models: z.array(z.string().min(1)).max(32).optional(),
  messages: z.array(message).min(1, 'messages must contain at least one message').max(MAX_MESSAGES, tooManyMessages),
  stream: z.boolean().optional(),
  max_tokens: int.positive().optional(),
  max_completion_tokens: int.positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().gt(0).max(1).optional(),
  top_k: int.nonnegative().optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  repetition_penalty: z.number().gt(0).max(2).optional(),
  seed: int.optional(),
  n: int.min(1).max(1, 'n > 1 is not supported; send separate requests').optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4), z.null()]).optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  tool_choice: z.union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.string() })]).optional(),
  response_format: z.looseObject({ type: z.string() }).optional(),
  provider: providerPreferencesSchema.optional(),
  reasoning: z.looseObject({ effort: z.string().optional(), max_tokens: int.nonnegative().optional(), exclude: z.boolean().optional(), enabled: z.boolean().optional() }).optional(),
  user: z.string().optional(),
  session_id: z.string().max(256).optional(),
  modalities: z.array(z.enum(['text', 'image', 'audio'])).min(1).optional(),
  image_config: z.looseObject({ aspect_ratio: z.string().optional(), image_size: z.string().optional() }).optional(),
});

/** Legacy completions: `prompt` instead of `messages`. */
export const completionRequestSchema = chatRequestSchema.omit({ messages: true }).extend({
  prompt: z.union([z.string(), z.array(z.string()).length(1, 'only one prompt per request is supported')]),
});
