/**
 * The streaming fast path: restamps an OpenAI-compatible chunk with the gateway's id, model
 * slug and provider name by splicing strings, without JSON.parse/stringify. Returns
 * undefined when the chunk does not have the usual layout (id first), so the caller falls
 * back to parsing. Inside JSON strings quotes are escaped, so `"model":"` can only match a key.
 */
export function rewriteOpenAIChunk(data: string, stamp: ChunkStamp): string | undefined {
  if (!data.startsWith('{"id":"')) return undefined;
  const idEnd = data.indexOf('"', 7);
  if (idEnd < 0) return undefined;
  const rest = data.slice(idEnd + 1);
  const modelAt = rest.indexOf('"model":"');
  if (modelAt < 0) return undefined;
  const modelEnd = rest.indexOf('"', modelAt + 9);
  if (modelEnd < 0) return undefined;
  const provider = rest.includes('"provider":') ? '' : stamp.providerField;
  return `${stamp.idPrefix}${provider}${rest.slice(0, modelAt)}${stamp.modelField}${rest.slice(modelEnd)}`;
}

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
