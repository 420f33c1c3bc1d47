import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { ConverseEvent } from './render-converse-events.js';

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();
const codec = new EventStreamCodec((bytes) => utf8Decoder.decode(bytes), (text) => utf8Encoder.encode(text));

/** How to deliver (or sabotage) a stream. Frame counts exclude frame 0 (messageStart). */
export interface EventStreamDelivery {
  chunkDelayMs: number;
  signal: AbortSignal;
  stallAfter?: number;
  cutAfter?: number;
  /** Send N frames, then an exception frame (`:message-type: exception`), then end. */
  errorAfter?: number;
  /** Corrupt the first frame's message CRC. */
  malformed?: boolean;
}

/** One event frame with Bedrock's three string headers. */
export function encodeEventFrame(event: ConverseEvent): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: event.eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: utf8Encoder.encode(JSON.stringify(event.payload)),
  });
}

/** An exception frame, as Bedrock sends errors that happen after the stream started. */
export function encodeExceptionFrame(exceptionType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: utf8Encoder.encode(JSON.stringify(payload)),
  });
}

const STREAM_EXCEPTION = {
  type: 'modelStreamErrorException',
  payload: { message: 'Model produced invalid sequence as part of ToolUse.', originalStatusCode: 400, originalMessage: 'invalid sequence' },
};

/**
 * Writes a ConverseStream response: status 200, `application/vnd.amazon.eventstream`, one
 * binary frame per event with both CRCs, applying the stream faults.
 */
export async function writeEventStream(res: ServerResponse, events: ConverseEvent[], delivery: EventStreamDelivery): Promise<void> {
  const frames = events.map(encodeEventFrame);
  if (delivery.malformed && frames[0]) {
    const first = Uint8Array.from(frames[0]);
    const last = first.length - 1;
    first[last] = (first[last] ?? 0) ^ 0xff;
    frames[0] = first;
  }
  const cutoff = delivery.stallAfter ?? delivery.cutAfter ?? delivery.errorAfter;
  const count = cutoff === undefined ? frames.length : Math.min(frames.length, cutoff + 1);
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID() });
  const cut = delivery.cutAfter !== undefined ? () => res.socket?.destroy() : undefined;
  if (delivery.chunkDelayMs <= 0) {
    res.write(Buffer.concat(frames.slice(0, count)), cut);
  } else {
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        try {
          await sleep(delivery.chunkDelayMs, undefined, { signal: delivery.signal });
        } catch {
          return;
        }
      }
      if (res.destroyed) return;
      res.write(frames[i] as Uint8Array, i === count - 1 ? cut : undefined);
    }
  }
  if (delivery.stallAfter !== undefined || cut) return;
  res.end(delivery.errorAfter !== undefined ? encodeExceptionFrame(STREAM_EXCEPTION.type, STREAM_EXCEPTION.payload) : undefined);
}
