/**
 * What makes a canonical request an embeddings request (set only by the embeddings endpoint).
 * Its inputs are the request's messages, one `user` message per input in input order, so the
 * stages that read prompts (guardrails, prompt measuring, rate limits, routing) see the text
 * unchanged; a redacting guardrail redacts what gets embedded.
 */
export interface EmbeddingsOptions {
  /** What the client wants back: float arrays, or base64 of little-endian float32 (encoded by the gateway). */
  encodingFormat: 'float' | 'base64';
  /** Output dimensions, for models that can shorten their vectors. */
  dimensions?: number;
  /** True when `input` was one string rather than an array (informational; the response is a list either way). */
  singleInput: boolean;
}

/** What a protocol adapter returns for an embeddings call. */
export interface EmbeddingsResult {
  upstreamId: string | null;
  /** One vector per input, in input order. */
  vectors: number[][];
  /** Undefined when the upstream reports no count (Gemini): the gateway counts the inputs itself. */
  promptTokens: number | undefined;
}
