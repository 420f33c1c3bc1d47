import { z } from 'zod';
import { MAX_MESSAGES } from '../chat-request-schema.js';

const int = z.number().int();
const item = z.looseObject({ type: z.string().optional() });
/** OpenRouter's Anthropic-style cache marker (top level: automatic caching of the whole prompt). */
export const cacheControlSchema = z.strictObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() });

/**
 * The body of `POST /api/v1/responses` as far as shapes go (item semantics are the decoder's). Strict at the
 * top level, so a field this gateway does not know is refused by name rather than silently ignored. Codex's
 * extras (`include`, `prompt_cache_key`, `client_metadata`, `store: false`) and OpenRouter's routing fields
 * are known; `previous_response_id` and the other stateful fields are known so the decoder can refuse them
 * with a sentence saying why.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export const responsesRequestSchema = z.strictObject({
  model: z.string().min(1).optional(),
  models: z.array(z.string().min(1)).max(32).optional(),
  input: z.union([z.string(), z.array(item).min(1, 'input must contain at least one item').max(MAX_MESSAGES, `at most ${MAX_MESSAGES} input items per request`)]),
  instructions: z.string().nullish(),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({}).nullish(),
  max_output_tokens: int.positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  tool_choice: z.union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.string() })]).optional(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z.looseObject({ format: z.looseObject({ type: z.enum(['text', 'json_schema', 'json_object']) }).optional(), verbosity: z.string().nullish() }).nullish(),
  reasoning: z.looseObject({ effort: z.string().nullish(), summary: z.string().nullish(), generate_summary: z.string().nullish() }).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  user: z.string().optional(),
  safety_identifier: z.string().optional(),
  session_id: z.string().max(256).optional(),
  prompt_cache_key: z.string().nullish(),
  client_metadata: z.record(z.string(), z.unknown()).nullish(),
  service_tier: z.string().nullish(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  // OpenRouter takes a top-level cache_control on every endpoint (automatic prompt caching).
  cache_control: cacheControlSchema.optional(),
  // OpenRouter's routing fields, read by the pipeline as on chat completions.
  provider: z.looseObject({}).optional(),
  plugins: z.array(z.unknown()).optional(),
  transforms: z.array(z.unknown()).optional(),
  route: z.unknown().optional(),
  // Stateful fields: accepted by the schema so the decoder refuses them with the reason.
  previous_response_id: z.string().nullish(),
  conversation: z.unknown().optional(),
  background: z.boolean().nullish(),
  prompt: z.unknown().optional(),
});
