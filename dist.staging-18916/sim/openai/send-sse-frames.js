import { buildSimHeaders } from "./send-json-reply.js";
import { writeSimStream } from "../shared/write-sim-stream.js";
async function sendSseFrames(ctx, frames) {
  const { res, fault } = ctx;
  res.writeHead(200, buildSimHeaders("text/event-stream; charset=utf-8", { "cache-control": "no-cache" }));
  await writeSimStream(res, frames, {
    chunkDelayMs: fault.chunk_delay ?? ctx.chunkDelayMs,
    signal: ctx.signal,
    stallAfter: fault.stall_after,
    cutAfter: fault.cut_after,
    errorAfter: fault.error_after,
    malformed: fault.malformed
  });
}
export {
  sendSseFrames
};
//# sourceMappingURL=send-sse-frames.js.map
