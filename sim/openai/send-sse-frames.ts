import type { SimRequestContext } from './openai-sim-types.js';
import { buildSimHeaders } from './send-json-reply.js';
import { writeSimStream } from '../shared/write-sim-stream.js';

/** Starts an SSE reply and writes the frames, applying the request's stream faults. */
export async function sendSseFrames(ctx: SimRequestContext, frames: string[]): Promise<void> {
  const { res, fault } = ctx;
  res.writeHead(200, buildSimHeaders('text/event-stream; charset=utf-8', { 'cache-control': 'no-cache' }));
  await writeSimStream(res, frames, {
    chunkDelayMs: fault.chunk_delay ?? ctx.chunkDelayMs,
    signal: ctx.signal,
    stallAfter: fault.stall_after,
    cutAfter: fault.cut_after,
    errorAfter: fault.error_after,
    malformed: fault.malformed,
  });
}
