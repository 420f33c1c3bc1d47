import type { ServerResponse } from 'node:http';
import { embedText } from '../shared/embed-text.js';
import { invalidArgument, type GeminiErrorReply } from './gemini-error-body.js';

type EmbedRequest = { model?: unknown; content?: { parts?: Array<{ text?: unknown }> }; outputDimensionality?: unknown };

/**
 * `models/{model}:embedContent` and `:batchEmbedContents`: deterministic unit vectors (3072
 * dimensions for gemini-embedding-001, 768 for the older text-embedding models, or
 * `outputDimensionality`), and, like Gemini, no token count. Each batch entry must name the
 * model of the URL.
 * @see https://ai.google.dev/api/embeddings
 */
export function handleGeminiEmbeddings(options: {
  res: ServerResponse;
  body: Record<string, unknown>;
  model: string;
  batch: boolean;
  sendJson: (res: ServerResponse, status: number, body: unknown) => void;
  sendError: (res: ServerResponse, error: GeminiErrorReply) => void;
}): void {
  const { res, body, model } = options;
  const requests = options.batch ? body.requests : [body];
  if (!Array.isArray(requests) || requests.length === 0) return options.sendError(res, invalidArgument('* BatchEmbedContentsRequest.requests: contents is not specified'));
  const embeddings: Array<{ values: number[] }> = [];
  for (const [index, request] of (requests as EmbedRequest[]).entries()) {
    if (options.batch && request?.model !== `models/${model}`) {
      return options.sendError(res, invalidArgument(`* BatchEmbedContentsRequest.requests[${index}].model: model must be models/${model}`));
    }
    const parts = request?.content?.parts;
    const text = Array.isArray(parts) ? parts.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('') : '';
    if (text === '') return options.sendError(res, invalidArgument(`* EmbedContentRequest.content: contents is not specified`));
    const wanted = request.outputDimensionality;
    const dimensions = typeof wanted === 'number' && wanted > 0 ? Math.min(Math.floor(wanted), 3072) : model.startsWith('gemini-embedding') ? 3072 : 768;
    embeddings.push({ values: Array.from(embedText(text, dimensions)) });
  }
  options.sendJson(res, 200, options.batch ? { embeddings } : { embedding: embeddings[0] });
}
