import type { ChatResult } from '../core/canonical/chat-response.js';
import type { EmbeddingsResult } from '../core/canonical/embeddings.js';
import type { SseEvent } from '../core/sse-event.js';
import type { WireAdapter } from '../protocols/wire-adapter.js';

/**
 * What dispatch hands on: a whole result, embeddings, or a stream whose first events have
 * arrived (`first`: the events of the first upstream read, at least one; `rest`: the events of
 * each later read).
 */
export type DispatchOutcome =
  | { kind: 'result'; result: ChatResult; adapter: WireAdapter }
  | { kind: 'embeddings'; result: EmbeddingsResult; adapter: WireAdapter }
  | { kind: 'stream'; adapter: WireAdapter; first: readonly SseEvent[]; rest: AsyncGenerator<SseEvent[]> };
