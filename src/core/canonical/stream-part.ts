import type { FinishReason } from './finish-reason.js';
import type { GeneratedImage } from './generated-image.js';
import type { TokenCounts } from './usage.js';

/**
 * The canonical stream: a small union every wire protocol converts to and from.
 * Blocks (text, reasoning, tool call) have start/delta/end so that protocols with
 * explicit blocks (Anthropic, Bedrock) and those without (OpenAI) map both ways.
 */
export type StreamPart =
  | { type: 'response-start'; upstreamId: string | null; systemFingerprint?: string | null }
  | { type: 'text-delta'; choice: number; text: string }
  | { type: 'reasoning-delta'; choice: number; text: string; details?: unknown[] }
  | {
      type: 'tool-call-start';
      choice: number;
      index: number;
      id: string;
      name: string;
    }
  | { type: 'tool-call-delta'; choice: number; index: number; argumentsDelta: string }
  /** A whole generated image (upstreams send each image in one piece). */
  | { type: 'image'; choice: number; image: GeneratedImage }
  | { type: 'finish'; choice: number; finishReason: FinishReason | null; nativeFinishReason: string | null }
  | { type: 'usage'; tokens: TokenCounts };
