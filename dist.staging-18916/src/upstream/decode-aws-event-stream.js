import { EventStreamCodec } from "@smithy/eventstream-codec";
const PRELUDE_BYTES = 12;
const MIN_FRAME_BYTES = 16;
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();
const toUtf8 = (bytes) => utf8Decoder.decode(bytes);
const fromUtf8 = (text) => utf8Encoder.encode(text);
class EventStreamFramingError extends Error {
}
class AwsEventStreamDecoder {
  #codec = new EventStreamCodec(toUtf8, fromUtf8);
  #buffer = new Uint8Array(0);
  /** Appends bytes; returns the messages they completed. Throws EventStreamFramingError on a bad frame. */
  push(bytes) {
    this.#buffer = this.#buffer.length === 0 ? bytes : concat(this.#buffer, bytes);
    const events = [];
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
        throw new EventStreamFramingError(`invalid event-stream frame: ${error.message}`);
      }
      events.push(toEvent(message.headers, message.body));
    }
    this.#buffer = offset === 0 ? this.#buffer : this.#buffer.slice(offset);
    return events;
  }
  /** Call at end of body: a partial frame left over means the stream was cut. */
  end() {
    if (this.#buffer.length > 0) {
      throw new EventStreamFramingError(`event stream ended inside a frame (${this.#buffer.length} bytes left over)`);
    }
  }
}
function toEvent(headers, body) {
  const messageType = headerString(headers, ":message-type") ?? "event";
  if (messageType === "exception") {
    return { event: `exception:${headerString(headers, ":exception-type") ?? "unknown"}`, data: toUtf8(body) };
  }
  if (messageType === "error") {
    return { event: `error:${headerString(headers, ":error-code") ?? "unknown"}`, data: headerString(headers, ":error-message") ?? "" };
  }
  return { event: headerString(headers, ":event-type"), data: toUtf8(body) };
}
function headerString(headers, name) {
  const header = headers[name];
  return header?.type === "string" ? header.value : void 0;
}
function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
export {
  AwsEventStreamDecoder,
  EventStreamFramingError
};
//# sourceMappingURL=decode-aws-event-stream.js.map
