import type { ChatRequest } from '../core/canonical/chat-request.js';
import type { ChatResult } from '../core/canonical/chat-response.js';
import type { EmbeddingsResult } from '../core/canonical/embeddings.js';
import type { StreamPart } from '../core/canonical/stream-part.js';
import type { UpstreamError } from '../core/errors/upstream-error.js';
import type { Provider } from '../core/provider-types.js';
import type { SseEvent } from '../core/sse-event.js';

/** Stream framings the dispatcher can read. */
export type StreamFraming = 'sse' | 'aws-eventstream';

/** What to send upstream for one attempt. */
export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Decodes one upstream stream into canonical parts; `done` marks the protocol's end event. */
export interface StreamDecoder {
  decode(event: SseEvent): { parts: StreamPart[]; done: boolean };
  /**
   * Called when the upstream body ended cleanly but `done` was never reported. Protocols with
   * an explicit end event (Anthropic's `message_stop`) throw here: the response was truncated.
   */
  end?(): void;
}

/** A protocol's embeddings call (OpenAI `/embeddings`, Gemini `batchEmbedContents`, Bedrock `invoke`). */
export interface EmbeddingsWire {
  /**
   * `request.embeddings` is set; the inputs are its messages (protocols/shared/read-embedding-inputs.ts).
   * One call per batch the upstream takes (one for OpenAI and Gemini, one per input for Titan).
   */
  buildCalls(options: { request: ChatRequest; provider: Provider; upstreamModel: string }): UpstreamCall[] | Promise<UpstreamCall[]>;
  /** The calls' bodies in call order; `inputCount` is how many vectors must come back. */
  readResult(bodyTexts: string[], provider: Provider, inputCount: number): EmbeddingsResult;
}

/**
 * One wire protocol, both directions. The pipeline only talks to adapters through this
 * interface; protocols never see the HTTP framework.
 */
export interface WireAdapter {
  /**
   * May be async: request signing (SigV4) and OAuth tokens (Vertex) need it.
   * `maxOutputTokens` is the endpoint's output limit from the catalog, for protocols that
   * require `max_tokens` (Anthropic) when the client sent none.
   */
  buildCall(options: {
    request: ChatRequest;
    provider: Provider;
    upstreamModel: string;
    stream: boolean;
    maxOutputTokens?: number | null;
  }): UpstreamCall | Promise<UpstreamCall>;
  readResult(bodyText: string, provider: Provider): ChatResult;
  /** `headers` are the upstream's response headers (Bedrock names its error type in one). */
  readError(options: {
    status: number;
    bodyText: string;
    retryAfter: string | undefined;
    provider: Provider;
    headers?: Record<string, string | string[] | undefined>;
  }): UpstreamError;
  createStreamDecoder(provider: Provider): StreamDecoder;
  /** True when the upstream's SSE frames are OpenAI chat chunks that can be relayed as-is. */
  relaysOpenAIFrames: boolean;
  /**
   * How the upstream frames a stream: server-sent events (the default) or AWS's binary
   * event stream (Bedrock). Either way the decoder receives `{event, data}`.
   */
  streamFraming?: StreamFraming;
  /** Present when the protocol serves embeddings; errors are read with `readError`. */
  embeddings?: EmbeddingsWire;
  /**
   * The adapter for requests asking for image output (`modalities` with "image") when this
   * provider serves them on another API (OpenAI: the Responses API's image tool); undefined when
   * this adapter carries them itself.
   */
  imageOutputFor?(provider: Provider): WireAdapter | undefined;
}
