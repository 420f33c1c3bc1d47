import { countTextTokens } from '../shared/count-text-tokens.js';
import { embedText } from '../shared/embed-text.js';
import { makeOpenAIError } from './openai-error-body.js';
import type { SimRequestContext } from './openai-sim-types.js';
import { sendJsonReply } from './send-json-reply.js';

/** The embedding inputs as strings (token-id inputs are rendered as their ids). */
export function readEmbeddingInputs(body: Record<string, unknown>): string[] {
  const input = body.input;
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return [];
  if (input.every((item) => typeof item === 'number')) return [input.join(' ')];
  return input.map((item) => (typeof item === 'string' ? item : Array.isArray(item) ? item.join(' ') : ''));
}

/**
 * `POST /v1/embeddings`: unit vectors seeded by a hash of each input, so the
 * same text always embeds the same way. Honours `dimensions` and
 * `encoding_format: "base64"` (the openai SDK asks for base64 by default).
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export function handleEmbeddings(ctx: SimRequestContext): void {
  const { res, body } = ctx;
  const inputs = readEmbeddingInputs(body);
  if (inputs.length === 0) {
    const error = makeOpenAIError(400, "'input' is a required property", 'invalid_request_error', 'input', null);
    sendJsonReply(res, error.status, error.body);
    return;
  }
  const model = typeof body.model === 'string' ? body.model : 'text-embedding-3-small';
  const dimensions =
    typeof body.dimensions === 'number' && body.dimensions > 0
      ? Math.min(Math.floor(body.dimensions), 4096)
      : model.includes('large')
        ? 3072
        : 1536;
  const base64 = body.encoding_format === 'base64';
  let tokens = 0;
  const data = inputs.map((text, index) => {
    tokens += countTextTokens(text);
    const vector = embedText(text, dimensions);
    return {
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector),
    };
  });
  sendJsonReply(res, 200, { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
}
