import type { ServerResponse } from 'node:http';
import { countTextTokens } from '../shared/count-text-tokens.js';
import { embedText } from '../shared/embed-text.js';
import { invalidArgument, type GeminiErrorReply } from './gemini-error-body.js';

/**
 * Vertex AI's text-embeddings `…/publishers/google/models/{model}:predict`: one prediction per
 * instance (`{content}`; gemini-embedding-001 takes one instance per request, as on Vertex), unit
 * vectors like the Gemini API's (3072 or 768 dimensions, or `parameters.outputDimensionality`) with
 * `statistics.token_count` (o200k tokens) and `metadata.billableCharacterCount`.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 */
export function handleVertexPredict(options: {
  res: ServerResponse;
  body: Record<string, unknown>;
  model: string;
  sendJson: (res: ServerResponse, status: number, body: unknown) => void;
  sendError: (res: ServerResponse, error: GeminiErrorReply) => void;
}): void {
  const { res, body, model } = options;
  const instances = body.instances;
  if (!Array.isArray(instances) || instances.length === 0) return options.sendError(res, invalidArgument('instances must not be empty'));
  if (model.startsWith('gemini-embedding') && instances.length > 1) return options.sendError(res, invalidArgument(`Only one instance is allowed per request for ${model}.`));
  const wanted = (body.parameters as { outputDimensionality?: unknown } | undefined)?.outputDimensionality;
  const dimensions = typeof wanted === 'number' && wanted > 0 ? Math.min(Math.floor(wanted), 3072) : model.startsWith('gemini-embedding') ? 3072 : 768;
  let characters = 0;
  const predictions = [];
  for (const [index, instance] of (instances as Array<{ content?: unknown }>).entries()) {
    if (typeof instance?.content !== 'string' || instance.content === '') return options.sendError(res, invalidArgument(`instances[${index}].content must be a non-empty string`));
    characters += instance.content.length;
    predictions.push({ embeddings: { values: Array.from(embedText(instance.content, dimensions)), statistics: { token_count: countTextTokens(instance.content), truncated: false } } });
  }
  options.sendJson(res, 200, { predictions, metadata: { billableCharacterCount: characters } });
}
