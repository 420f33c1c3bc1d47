import type { ChatResult } from '../core/canonical/chat-response.js';
import type { EmbeddingsResult } from '../core/canonical/embeddings.js';
import type { SseEvent } from '../core/sse-event.js';
import type { StreamDecoder, WireAdapter } from '../protocols/wire-adapter.js';

/**
 * What dispatch hands on: a whole result, embeddings, or a stream whose first events have
 * arrived (`first`: the events of the first upstream read, at least one; `rest`: the events of
 * each later read). `decoder` already decoded the first event into `firstDecoded` (dispatch
 * validates it to fail over on a bad start); the relay goes on with both instead of decoding it again,
 * and empties `first` as it takes it (its events are slices of the read's text, which the outcome
 * would otherwise hold until the request ends).
 */
export type DispatchOutcome =
  | { kind: 'result'; result: ChatResult; adapter: WireAdapter }
  | { kind: 'embeddings'; result: EmbeddingsResult; adapter: WireAdapter }
  | {
      kind: 'stream';
      adapter: WireAdapter;
      decoder: StreamDecoder;
      firstDecoded: ReturnType<StreamDecoder['decode']>;
      first: readonly SseEvent[];
      rest: AsyncIterableIterator<SseEvent[]> & { return(value?: undefined): Promise<IteratorResult<SseEvent[]>> };
    };
