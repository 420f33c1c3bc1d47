/**
 * Fault and behaviour switches shared by every simulator. Same keys as the
 * `[[sim:KEY=VALUE]]` directives in the last user message; each simulator's
 * `enqueueFault()` takes this object directly and renders it in its own wire protocol.
 */
export interface SimFault {
  /** Reply with this HTTP status and the provider's own error body for it. */
  status?: number;
  /** Seconds for the `Retry-After` header (used with status=429). */
  retry_after?: number;
  /** 400 `context_length_exceeded`. */
  context?: boolean;
  /** Milliseconds before the status line and headers. */
  delay?: number;
  /** Stream: send N chunks after the role chunk, then go silent with the socket open. */
  stall_after?: number;
  /** Stream: send N chunks after the role chunk, then destroy the socket. */
  cut_after?: number;
  /** Stream: send N chunks after the role chunk, then the provider's in-band error and end. */
  error_after?: number;
  /** Non-stream: truncated JSON body with status 200. Stream: one chunk of invalid JSON. */
  malformed?: boolean;
  /** Destroy the socket without writing anything. */
  reset?: boolean;
  /** Report this many cached prompt tokens. */
  cached?: number;
  /** Report this many reasoning tokens and stream `delta.reasoning` text first. */
  reasoning?: number;
  /** `parallel`: call the first two tools. */
  tools?: 'parallel';
  /** Reply with exactly N words. */
  words?: number;
  /** Report no usage at all, like servers that ignore `stream_options.include_usage`. */
  no_usage?: boolean;
  /** Override the finish reason (e.g. `length`). */
  finish?: string;
  /** Azure OpenAI paths: the prompt trips the content filter (Azure's 400 `content_filter`). */
  content_filter?: boolean;
  /** Milliseconds between stream chunks for this request (overrides `chunkDelayMs`). */
  chunk_delay?: number;
  /**
   * In a line of a provider batch (OpenAI Batch, Anthropic Message Batches): the batch's
   * completion window runs out when this line's turn comes, so it and every later line expire.
   */
  batch_expire?: boolean;
  /**
   * In a request of a Gemini batch: the batch as a whole fails (`BATCH_STATE_FAILED` with the
   * operation's `error`) before any request runs, as when the upstream cannot process it.
   */
  batch_fail?: boolean;
  /**
   * A careless upstream that echoes the credentials it received (Authorization, x-api-key,
   * x-goog-api-key, api-key, SigV4 access key id and session token, `?key=`) in an HTML 502, a
   * text 401, a JSON 401, a truncated 200 JSON body or a broken 200 stream. Same for every simulator.
   */
  echo_key?: EchoKeyMode;
}

export type EchoKeyMode = 'html_502' | 'text_401' | 'json_401' | 'malformed' | 'stream';
export const ECHO_KEY_MODES: readonly EchoKeyMode[] = ['html_502', 'text_401', 'json_401', 'malformed', 'stream'];
