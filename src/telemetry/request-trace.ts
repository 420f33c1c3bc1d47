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
}

export interface RequestTracer {
  /** Turns a finished request into spans; never throws, never blocks the response. */
  export(trace: RequestTrace): void;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}
