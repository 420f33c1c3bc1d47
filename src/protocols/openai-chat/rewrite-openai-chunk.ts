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
  const modelKey = findKey(data, 'model":"', idEnd + 1);
  if (modelKey < 0) return undefined;
  const modelAt = modelKey - 1;
  const modelEnd = data.indexOf('"', modelAt + 9);
  if (modelEnd < 0) return undefined;
  const escape = data.indexOf('\\', modelAt + 9);
  if (escape >= 0 && escape < modelEnd) return undefined;
  const provider = findKey(data, 'provider":', idEnd + 1) >= 0 ? '' : stamp.providerField;
  // Slices and one concatenation; nothing searches or replaces the whole frame again: this runs
  // for every chunk of every relayed stream.
  let tail = data.slice(modelEnd);
  // OpenAI sends `"usage":null` on every chunk once include_usage is on (last), and some servers a
  // null fingerprint; OpenRouter omits both, and strict clients (@openrouter/sdk) reject nulls.
  if (tail.endsWith(NULL_USAGE_LAST)) tail = `${tail.slice(0, -NULL_USAGE_LAST.length)}}`;
  else tail = withoutNullMember(tail, 'usage":null');
  tail = withoutNullMember(tail, 'system_fingerprint":null');
  const head = withoutNullMember(withoutNullMember(data.slice(idEnd + 1, modelAt), 'usage":null'), 'system_fingerprint":null');
  return `${stamp.idPrefix}${provider}${head}${stamp.modelField}${tail}`;
}

const NULL_USAGE_LAST = ',"usage":null}';

/**
 * Where the key `"<keyTail>` starts (the index after its opening quote), or -1. Searched without
 * the opening quote, which is much faster (quotes are everywhere in JSON, so a search for a
 * pattern starting with one stops everywhere); a match is a key only when a quote precedes it.
 * A key's quotes cannot occur unescaped inside a JSON string, so content never matches.
 */
function findKey(data: string, keyTail: string, from: number): number {
  for (let at = data.indexOf(keyTail, from); at >= 0; at = data.indexOf(keyTail, at + 1)) {
    if (data.charCodeAt(at - 1) === 34 /* '"' */) return at;
  }
  return -1;
}

/** `text` without its `,"<key>":null` member (`keyTail` is `<key>":null`), when it has one. */
function withoutNullMember(text: string, keyTail: string): string {
  const at = findKey(text, keyTail, 0);
  if (at < 2 || text.charCodeAt(at - 2) !== 44 /* ',' */) return text;
  const after = at + keyTail.length;
  // `null` must end the value (`,"usage":nullable` is no null).
  const next = text.charCodeAt(after);
  if (next !== 44 && next !== 125 && next !== 32 && next !== 10 && next !== 13 && next !== 9 /* , } or white space */) return text;
  return text.slice(0, at - 2) + text.slice(after);
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
  // Each member named, no `...options`: V8 11 (Node 20) adds every member that follows a spread
  // copy through a slow path, about 2 µs each, and this runs once per stream.
  return {
    generationId: options.generationId,
    model: options.model,
    providerName: options.providerName,
    idPrefix: `{"id":${JSON.stringify(options.generationId)}`,
    providerField: `,"provider":${JSON.stringify(options.providerName)}`,
    modelField: `"model":${model.slice(0, -1)}`,
  };
}
