import type { ServerResponse } from 'node:http';
import { countTextTokens } from '../shared/count-text-tokens.js';
import { embedText } from '../shared/embed-text.js';
import { sendBedrockError, sendBedrockJson } from './bedrock-error-reply.js';

const TITAN_V2_DIMENSIONS = [256, 512, 1024];

/**
 * `InvokeModel` for Bedrock's embedding models, with their own validation: Titan Text
 * Embeddings (one `inputText`; v2 `dimensions` 256/512/1024, default 1024; v1 1536) answering
 * `{embedding, inputTextTokenCount}`, and Cohere Embed v3 (1–96 `texts`, `input_type`
 * required, 1024 dimensions) answering `embeddings` as a list, or by type with
 * `embedding_types`. Deterministic vectors, as the other simulators'.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
 */
export function handleInvokeEmbeddings(res: ServerResponse, modelId: string, body: Record<string, unknown>, seq: number): void {
  const invalid = (message: string) => sendBedrockError(res, { status: 400, type: 'ValidationException', message });
  if (modelId.includes('titan-embed')) {
    if (typeof body.inputText !== 'string' || body.inputText === '') return invalid('Malformed input request: #: required key [inputText] not found');
    const v1 = modelId.includes('-v1');
    const dimensions = body.dimensions ?? (v1 ? 1536 : 1024);
    if (v1 ? body.dimensions !== undefined : !TITAN_V2_DIMENSIONS.includes(dimensions as number)) {
      return invalid(`Malformed input request: #/dimensions: ${String(body.dimensions)} is not a valid enum value`);
    }
    return sendBedrockJson(res, JSON.stringify({ embedding: Array.from(embedText(body.inputText, dimensions as number)), inputTextTokenCount: countTextTokens(body.inputText) }));
  }
  if (modelId.includes('cohere.embed')) {
    const texts = body.texts;
    if (!Array.isArray(texts) || texts.length === 0 || texts.length > 96 || texts.some((text) => typeof text !== 'string')) {
      return invalid('Malformed input request: #/texts: expected between 1 and 96 strings');
    }
    if (typeof body.input_type !== 'string') return invalid('Malformed input request: #: required key [input_type] not found');
    const vectors = (texts as string[]).map((text) => Array.from(embedText(text, 1024)));
    const id = `sim-embed-${seq}`;
    const byType = Array.isArray(body.embedding_types);
    return sendBedrockJson(
      res,
      JSON.stringify(byType ? { id, response_type: 'embeddings_by_type', embeddings: { float: vectors }, texts } : { id, response_type: 'embeddings_floats', embeddings: vectors, texts }),
    );
  }
  return invalid(`The provided model identifier is invalid: ${modelId} cannot be invoked for embeddings by this simulator.`);
}
