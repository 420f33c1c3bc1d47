/** One upstream attempt of a request, as the trace shows it. */
export interface TracedAttempt {
  /** Provider id (e.g. `openai`) and display name. */
  providerId: string;
  providerName: string;
  /** The upstream's own model name. */
  upstreamModel: string;
  status: number;
  /** ms since epoch. */
  startedAt: number;
  latencyMs: number;
}

/**
 * What a finished request exports as a trace: one span for the request and one child span per
 * upstream attempt. Metadata only — never message content, keys or headers.
 */
export interface RequestTrace {
  generationId: string;
  /** GenAI operation: `chat` or `text_completion`. */
  operation: string;
  route: string;
  requestedModel: string;
  /** The catalog model that answered, when one did. */
  responseModel: string | undefined;
  providerId: string | undefined;
  upstreamId: string | null;
  startedAt: number;
  finishedAt: number;
  status: number;
  streamed: boolean;
  cancelled: boolean;
  cacheHit: boolean;
  finishReason: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  costUsd: number;
  request: { maxTokens?: number; temperature?: number; topP?: number };
  attempts: TracedAttempt[];
  /** The ids chosen when the request was accepted (the caller's trace, the upstream `traceparent`s). */
  context: TraceContext;
}

/**
 * One request's W3C trace context, fixed when the request is accepted so the ids sent upstream
 * are the ids of the spans exported later. Belongs to that request alone.
 */
export interface TraceContext {
  /** 32 hex digits: the caller's trace when it sent a valid `traceparent`, a new one otherwise. */
  readonly traceId: string;
  /** 16 hex digits: the gateway's SERVER span for this request. */
  readonly spanId: string;
  /** The caller's span (from its `traceparent`), the parent of the request span. */
  readonly parentSpanId: string | undefined;
  /** Whether spans are exported: the caller's sampled flag, or the configured ratio for a new trace. */
  readonly sampled: boolean;
  /** The caller's `tracestate`, validated and re-serialized; passed on unchanged. */
  readonly traceState: string | undefined;
  /** The CLIENT span id of each upstream attempt, by attempt index; each went upstream in `traceparent`. */
  readonly attemptSpanIds: string[];
}

export interface RequestTracer {
  /** The trace context of a newly accepted request, continuing the caller's `traceparent` when valid. */
  start(headers: { traceparent?: string | string[] | undefined; tracestate?: string | string[] | undefined }): TraceContext;
  /** Turns a finished request into spans; never throws, never blocks the response. */
  export(trace: RequestTrace): void;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}
