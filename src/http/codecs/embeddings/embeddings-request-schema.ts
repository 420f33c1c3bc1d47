import { z } from 'zod';
import { chatRequestSchema } from '../chat-request-schema.js';

/** Most inputs one request may carry (OpenAI's limit). */
export const MAX_EMBEDDING_INPUTS = 2048;

/**
 * OpenAI's embeddings request as OpenRouter takes it: `input` a string or an array of strings,
 * `dimensions`, `encoding_format` (`float` by default; the openai SDK asks for `base64`), `user`,
 * and OpenRouter's routing (`models`, `provider`). Anything else is refused by name (a strict
 * object), token-id inputs included: the gateway cannot know every upstream's tokenizer.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 * @see https://openrouter.ai/docs/api-reference/embeddings
 */
export const embeddingsRequestSchema = z.strictObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    z
      .array(z.string(), { error: 'input must be a string or an array of strings (token-id inputs are not supported)' })
      .min(1, 'input must not be empty')
      .max(MAX_EMBEDDING_INPUTS, `at most ${MAX_EMBEDDING_INPUTS} inputs per request`),
  ], { error: 'input must be a string or an array of strings (token-id inputs are not supported)' }),
  dimensions: z.number().int().positive().max(65536).optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
  user: z.string().optional(),
  models: chatRequestSchema.shape.models,
  provider: chatRequestSchema.shape.provider,
});

export type EmbeddingsRequestBody = z.infer<typeof embeddingsRequestSchema>;
