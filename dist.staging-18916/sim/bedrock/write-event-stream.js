import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { EventStreamCodec } from "@smithy/eventstream-codec";
const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();
const codec = new EventStreamCodec((bytes) => utf8Decoder.decode(bytes), (text) => utf8Encoder.encode(text));
function encodeEventFrame(event) {
  return codec.encode({
    headers: {
      ":event-type": { type: "string", value: event.eventType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" }
    },
    body: utf8Encoder.encode(JSON.stringify(event.payload))
  });
}
function encodeExceptionFrame(exceptionType, payload) {
  return codec.encode({
    headers: {
      ":exception-type": { type: "string", value: exceptionType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "exception" }
    },
    body: utf8Encoder.encode(JSON.stringify(payload))
  });
}
const STREAM_EXCEPTION = {
  type: "modelStreamErrorException",
  payload: { message: "Model produced invalid sequence as part of ToolUse.", originalStatusCode: 400, originalMessage: "invalid sequence" }
};
async function writeEventStream(res, events, delivery) {
  const frames = events.map(encodeEventFrame);
  if (delivery.malformed && frames[0]) {
    const first = Uint8Array.from(frames[0]);
    const last = first.length - 1;
    first[last] = (first[last] ?? 0) ^ 255;
    frames[0] = first;
  }
  const cutoff = delivery.stallAfter ?? delivery.cutAfter ?? delivery.errorAfter;
  const count = cutoff === void 0 ? frames.length : Math.min(frames.length, cutoff + 1);
  res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": randomUUID() });
  const cut = delivery.cutAfter !== void 0 ? () => res.socket?.destroy() : void 0;
  if (delivery.chunkDelayMs <= 0) {
    res.write(Buffer.concat(frames.slice(0, count)), cut);
  } else {
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        try {
          await sleep(delivery.chunkDelayMs, void 0, { signal: delivery.signal });
        } catch {
          return;
        }
      }
      if (res.destroyed) return;
      res.write(frames[i], i === count - 1 ? cut : void 0);
    }
  }
  if (delivery.stallAfter !== void 0 || cut) return;
  res.end(delivery.errorAfter !== void 0 ? encodeExceptionFrame(STREAM_EXCEPTION.type, STREAM_EXCEPTION.payload) : void 0);
}
export {
  encodeEventFrame,
  encodeExceptionFrame,
  writeEventStream
};
//# sourceMappingURL=write-event-stream.js.map
