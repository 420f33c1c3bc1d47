/**
 * Shared types of the OpenAI simulator. Type-only module: it holds the public
 * shapes (fault, recorded request, simulator handle) and the per-request
 * context the route handlers receive, so handlers never import the server.
 */
import type { ServerResponse } from 'node:http';

/**
 * A fault or behaviour switch. Same keys as the `[[sim:KEY=VALUE]]` directives
 * in the last user message; `enqueueFault()` takes this object directly.
 */
export interface SimFault {
  /** Reply with this HTTP status and OpenAI's error body for it. */
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
  /** Stream: send N chunks after the role chunk, then an in-band `data: {"error":…}` and end. */
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
  /** Milliseconds between stream chunks for this request (overrides `chunkDelayMs`). */
  chunk_delay?: number;
}

/** A request as the simulator received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, `undefined` when there was none or it did not parse. */
  body: unknown;
}

/** Options for {@link OpenAISimulator} start-up. */
export interface OpenAISimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1; the simulator is for loopback use only. */
  host?: string;
  /** Added before the headers of every response. */
  latencyMs?: number;
  /** Pause between stream chunks; 0 writes the whole stream at once. */
  chunkDelayMs?: number;
}

/** A running simulator. */
export interface OpenAISimulator {
  /** Base URL including `/v1`, ready for `new OpenAI({ baseURL })`. */
  url: string;
  port: number;
  /** The last 1000 requests, oldest first. Cleared in place by `reset()`. */
  requests: RecordedRequest[];
  /** Queue a fault for the next request (FIFO, one fault per request). */
  enqueueFault(fault: SimFault): void;
  /** Forget recorded requests, queued faults and the id counter. */
  reset(): void;
  /** Stop listening and destroy every open socket, stalled streams included. */
  close(): Promise<void>;
}

/** What a route handler gets for one request. */
export interface SimRequestContext {
  res: ServerResponse;
  body: Record<string, unknown>;
  /** The prompt text the route echoes, with directives stripped. */
  prompt: string;
  /** Directives and enqueued fault merged (enqueued wins). */
  fault: SimFault;
  /** Monotonic per-simulator sequence number, for deterministic ids. */
  seq: number;
  chunkDelayMs: number;
  /** Aborted when the client goes away or the simulator closes. */
  signal: AbortSignal;
}
