import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** How to deliver (or sabotage) a stream. Chunk counts exclude frame 0 (the role chunk / message_start). */
export interface StreamDelivery {
  chunkDelayMs: number;
  signal: AbortSignal;
  /** Send N chunks, then keep the socket open and silent. */
  stallAfter?: number;
  /** Send N chunks, then destroy the socket. */
  cutAfter?: number;
  /** Send N chunks, then an in-band error object, then end cleanly. */
  errorAfter?: number;
  /** The in-band error frame in the provider's own protocol (OpenAI's `data: {"error":…}` by default). */
  errorFrame?: string;
  /** Replace the first chunk after the role chunk with truncated JSON. */
  malformed?: boolean;
}

const OPENAI_MID_STREAM_ERROR =
  'data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}\n\n';

/**
 * Write SSE frames to a response whose headers are already sent, applying
 * the stream faults. With no chunk delay the frames go out in one write,
 * which keeps the simulator's overhead out of gateway benchmarks. Shared by
 * the simulators whose streams are SSE (OpenAI, Anthropic).
 */
export async function writeSimStream(
  res: ServerResponse,
  source: string[],
  delivery: StreamDelivery,
): Promise<void> {
  let frames = source;
  if (delivery.malformed && frames.length > 2) {
    frames = frames.slice();
    const victim = frames[1] as string;
    // Half a JSON object followed by a proper event end: the parser sees a
    // complete event whose data does not parse.
    frames[1] = `${victim.slice(0, Math.floor(victim.length / 2))}\n\n`;
  }
  const cutoff = delivery.stallAfter ?? delivery.cutAfter ?? delivery.errorAfter;
  const count = cutoff === undefined ? frames.length : Math.min(frames.length, cutoff + 1);

  // For cut_after, the socket is destroyed once the last chunk has been
  // flushed, so the client really sees N chunks before the reset.
  const cut = delivery.cutAfter !== undefined ? () => res.socket?.destroy() : undefined;
  if (delivery.chunkDelayMs <= 0) {
    res.write(count === frames.length ? frames.join('') : frames.slice(0, count).join(''), cut);
  } else {
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        try {
          await sleep(delivery.chunkDelayMs, undefined, { signal: delivery.signal });
        } catch {
          return; // client gone or simulator closing
        }
      }
      if (res.destroyed) return;
      res.write(frames[i] as string, i === count - 1 ? cut : undefined);
    }
  }

  // A stall leaves the socket open and silent; close() destroys it later.
  if (delivery.stallAfter !== undefined || cut) return;
  res.end(delivery.errorAfter !== undefined ? (delivery.errorFrame ?? OPENAI_MID_STREAM_ERROR) : undefined);
}
