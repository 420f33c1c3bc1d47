/**
 * The streaming fast path: restamps an OpenAI-compatible chunk with the gateway's id, model
 * slug and provider name by splicing strings, without JSON.parse/stringify. Returns
 * undefined when the chunk does not have the usual layout (id first), so the caller falls
 * back to parsing. Inside JSON strings quotes are escaped, so `"model":"` can only match a key.
 */
export function rewriteOpenAIChunk(data: string, stamp: ChunkStamp): string | undefined {
  // A frame must at least look like one whole object; a truncated one goes to the parser,
  // which rejects it, so broken JSON is never relayed.
  if (!data.startsWith('{"id":"') || data.charCodeAt(data.length - 1) !== 125 /* '}' */) return undefined;
  const idEnd = data.indexOf('"', 7);
  // An escaped character inside the value means the quote found may not end it: parse instead.
  if (idEnd < 0 || data.lastIndexOf('\\', idEnd) > 6) return undefined;
  const rest = data.slice(idEnd + 1);
  const modelAt = rest.indexOf('"model":"');
  if (modelAt < 0) return undefined;
  const modelEnd = rest.indexOf('"', modelAt + 9);
  if (modelEnd < 0 || rest.slice(modelAt + 9, modelEnd).includes('\\')) return undefined;
  const provider = rest.includes('"provider":') ? '' : stamp.providerField;
  const chunk = `${stamp.idPrefix}${provider}${rest.slice(0, modelAt)}${stamp.modelField}${rest.slice(modelEnd)}`;
  // OpenAI sends `"usage":null` on every chunk once include_usage is on, and some servers a
  // null fingerprint; OpenRouter omits both, and strict clients (@openrouter/sdk) reject nulls.
  return chunk.replace(NULL_USAGE, '').replace(NULL_FINGERPRINT, '');
}

const NULL_USAGE = ',"usage":null';
const NULL_FINGERPRINT = ',"system_fingerprint":null';

/** Pre-serialised pieces for rewriteOpenAIChunk, built once per response. */
export interface ChunkStamp {
  generationId: string;
  model: string;
  providerName: string;
  /** `{"id":"gen-…"` */
  idPrefix: string;
  /** `,"provider":"OpenAI"` */
  providerField: string;
  /** `"model":"openai/gpt-4o` (closing quote comes from the original). */
  modelField: string;
}

export function createChunkStamp(options: { generationId: string; model: string; providerName: string }): ChunkStamp {
  const model = JSON.stringify(options.model);
  return {
    ...options,
    idPrefix: `{"id":${JSON.stringify(options.generationId)}`,
    providerField: `,"provider":${JSON.stringify(options.providerName)}`,
    modelField: `"model":${model.slice(0, -1)}`,
  };
}
