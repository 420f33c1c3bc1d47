import type { FinishReason } from '../core/canonical/finish-reason.js';
import type { StreamPart } from '../core/canonical/stream-part.js';
import type { TokenCounts } from '../core/canonical/usage.js';
import { readOpenAIFramesText, type OpenAIFrameTally } from '../protocols/openai-chat/relay-openai-frame.js';

/** What the relay learns about a stream as it passes: ids, finish, usage, text for estimates. */
export class StreamTally implements OpenAIFrameTally {
  upstreamId: string | null = null;
  finishReason: FinishReason | null = null;
  nativeFinishReason: string | null = null;
  tokens: TokenCounts | undefined;
  readonly #frames: string[] = [];
  #text = '';

  retain(frame: string): void {
    if (!this.tokens) this.#frames.push(frame);
  }

  addParts(parts: StreamPart[]): void {
    for (const part of parts) {
      if (part.type === 'response-start') this.upstreamId = part.upstreamId;
      else if (part.type === 'text-delta' || part.type === 'reasoning-delta') this.#text += part.text;
      else if (part.type === 'tool-call-delta') this.#text += part.argumentsDelta;
      else if (part.type === 'finish') {
        this.finishReason = part.finishReason;
        this.nativeFinishReason = part.nativeFinishReason;
      } else if (part.type === 'usage') this.tokens = part.tokens;
    }
  }

  /** The text streamed so far; only assembled when the upstream sent no usage. */
  streamedText(): string {
    return this.#text + readOpenAIFramesText(this.#frames);
  }
}
