import type { StreamPart } from './canonical/stream-part.js';
import type { Usage } from './canonical/usage.js';

/**
 * Where a streamed response goes. The HTTP layer implements it over the socket; the
 * pipeline writes SSE payloads without knowing the framework.
 */
export interface SseSink {
  /** Writes `data: <payload>\n\n`; resolves when the socket can take more (backpressure). */
  send(payload: string): Promise<void>;
  /**
   * Writes several payloads, each its own event, in one write to the socket (what a relay
   * gets from one upstream read); resolves as `send` does.
   */
  sendMany(payloads: readonly string[]): Promise<void>;
  /**
   * From now on, while nothing is written for the keep-alive interval, the dialect's keep-alive
   * goes out (which commits the 200). Called when the upstream is asked: until then the gateway's
   * own stages decide, and an error they raise keeps its real status. Safe to call twice.
   */
  keepAliveFromNow(): void;
  /** Ends the response. Safe to call twice. */
  end(): void;
  /** True once the client has gone away or the response ended. */
  readonly closed: boolean;
}

/** Encodes canonical stream output for one inbound dialect (chat chunks, text completions, …). */
export interface StreamEncoder {
  /** Whether upstream OpenAI chat frames can be relayed with only id/model/provider restamped. */
  readonly relaysOpenAIFrames: boolean;
  encodeParts(parts: StreamPart[]): string[];
  /** The final chunk with `choices: []` and the priced usage. */
  encodeUsage(usage: Usage): string;
  /** The payload that ends a successful stream; `[DONE]` when omitted. */
  readonly donePayload?: string;
  /** The in-band error chunk with `finish_reason: "error"`. */
  encodeError(error: { code: number; message: string; metadata?: Record<string, unknown> }): string;
}
