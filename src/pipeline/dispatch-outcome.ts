import type { ChatResult } from '../core/canonical/chat-response.js';
import type { EmbeddingsResult } from '../core/canonical/embeddings.js';
import type { SseEvent } from '../core/sse-event.js';
import type { WireAdapter } from '../protocols/wire-adapter.js';

/** What dispatch hands on: a whole result, embeddings, or a stream whose first event has arrived. */
export type DispatchOutcome =
  | { kind: 'result'; result: ChatResult; adapter: WireAdapter }
  | { kind: 'embeddings'; result: EmbeddingsResult; adapter: WireAdapter }
  | { kind: 'stream'; adapter: WireAdapter; first: SseEvent; rest: AsyncGenerator<SseEvent> };
