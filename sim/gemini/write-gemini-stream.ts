import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimFault } from './gemini-sim-types.js';

const MID_STREAM_ERROR = { error: { code: 500, message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting', status: 'INTERNAL' } };

/**
 * Writes stream chunks as `streamGenerateContent` does: with `alt=sse`, `data: <json>\r\n\r\n`
 * events and no end marker (the stream ends at EOF); without it, one JSON array written
 * element by element. Faults: `stall_after` / `cut_after` / `error_after` = N chunks, then
 * silence / a reset / an in-band `{"error":…}` event; `malformed` truncates the first chunk.
 */
export async function writeGeminiStream(
  res: ServerResponse,
  chunks: Array<Record<string, unknown>>,
  options: { sse: boolean; fault: SimFault; chunkDelayMs: number; signal: AbortSignal },
): Promise<void> {
  const { fault, sse } = options;
  const frames = chunks.map((chunk) => JSON.stringify(chunk));
  if (fault.malformed && frames.length > 0) frames[0] = (frames[0] as string).slice(0, Math.floor((frames[0] as string).length / 2));
  const cutoff = fault.stall_after ?? fault.cut_after ?? fault.error_after;
  const count = cutoff === undefined ? frames.length : Math.min(frames.length, cutoff);
  const frame = (data: string, index: number) => (sse ? `data: ${data}\r\n\r\n` : `${index === 0 ? '[' : ',\r\n'}${data}`);
  res.writeHead(200, { 'content-type': sse ? 'text/event-stream' : 'application/json; charset=UTF-8', 'x-content-type-options': 'nosniff', server: 'scaffolding on HTTPServer2' });
  const cut = fault.cut_after !== undefined ? () => res.socket?.destroy() : undefined;
  for (let index = 0; index < count; index++) {
    if (index > 0 && options.chunkDelayMs > 0) {
      try {
        await sleep(options.chunkDelayMs, undefined, { signal: options.signal });
      } catch {
        return;
      }
    }
    if (res.destroyed) return;
    res.write(frame(frames[index] as string, index), index === count - 1 ? cut : undefined);
  }
  if (count === 0 && cut) cut();
  if (fault.stall_after !== undefined || cut) return;
  if (fault.error_after !== undefined) {
    res.end(frame(JSON.stringify(MID_STREAM_ERROR), count) + (sse ? '' : ']'));
    return;
  }
  res.end(sse ? undefined : count === 0 ? '[]' : ']');
}
