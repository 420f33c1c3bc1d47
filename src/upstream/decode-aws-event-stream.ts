import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { MessageHeaders } from '@smithy/types';
import type { SseEvent } from '../core/sse-event.js';

const PRELUDE_BYTES = 12;
const MIN_FRAME_BYTES = 16;
/** AWS caps one event-stream message at 16 MiB; a larger length means a corrupt prelude. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();
const toUtf8 = (bytes: Uint8Array) => utf8Decoder.decode(bytes);
const fromUtf8 = (text: string) => utf8Encoder.encode(text);

/** A frame that fails its length or CRC check, or bytes left over at the end. */
export class EventStreamFramingError extends Error {}

/**
 * Incremental decoder for AWS's binary event stream (`application/vnd.amazon.eventstream`):
 * feed bytes as they arrive (frames may be split anywhere, the prelude included), get back
 * whole messages as `{event, data}` so stream decoders keep one interface with SSE.
 * Smithy's codec checks both CRC32s (prelude and message) and parses the typed headers.
 *
 * Mapping by `:message-type`: `event` → event = `:event-type`, data = payload;
 * `exception` → event = `exception:<:exception-type>`, data = payload (`{"message":…}`);
 * `error` → event = `error:<:error-code>`, data = `:error-message`.
 * @see https://smithy.io/2.0/aws/amazon-eventstream.html
 */
export class AwsEventStreamDecoder {
  readonly #codec = new EventStreamCodec(toUtf8, fromUtf8);
  #buffer: Uint8Array = new Uint8Array(0);

  /** Appends bytes; returns the messages they completed. Throws EventStreamFramingError on a bad frame. */
  push(bytes: Uint8Array): SseEvent[] {
    this.#buffer = this.#buffer.length === 0 ? bytes : concat(this.#buffer, bytes);
    const events: SseEvent[] = [];
    let offset = 0;
    while (this.#buffer.length - offset >= PRELUDE_BYTES) {
      const view = new DataView(this.#buffer.buffer, this.#buffer.byteOffset + offset, 4);
      const total = view.getUint32(0, false);
      if (total < MIN_FRAME_BYTES || total > MAX_FRAME_BYTES) {
        throw new EventStreamFramingError(`event-stream frame length ${total} is out of range`);
      }
      if (this.#buffer.length - offset < total) break;
      const frame = this.#buffer.subarray(offset, offset + total);
      offset += total;
      let message;
      try {
        message = this.#codec.decode(frame);
      } catch (error) {
        throw new EventStreamFramingError(`invalid event-stream frame: ${(error as Error).message}`);
      }
      events.push(toEvent(message.headers, message.body));
    }
    this.#buffer = offset === 0 ? this.#buffer : this.#buffer.slice(offset);
    return events;
  }

  /** Call at end of body: a partial frame left over means the stream was cut. */
  end(): void {
    if (this.#buffer.length > 0) {
      throw new EventStreamFramingError(`event stream ended inside a frame (${this.#buffer.length} bytes left over)`);
    }
  }
}

function toEvent(headers: MessageHeaders, body: Uint8Array): SseEvent {
  const messageType = headerString(headers, ':message-type') ?? 'event';
  if (messageType === 'exception') {
    return { event: `exception:${headerString(headers, ':exception-type') ?? 'unknown'}`, data: toUtf8(body) };
  }
  if (messageType === 'error') {
    return { event: `error:${headerString(headers, ':error-code') ?? 'unknown'}`, data: headerString(headers, ':error-message') ?? '' };
  }
  return { event: headerString(headers, ':event-type'), data: toUtf8(body) };
}

function headerString(headers: MessageHeaders, name: string): string | undefined {
  const header = headers[name];
  return header?.type === 'string' ? header.value : undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
