import { setTimeout as sleep } from "node:timers/promises";
const OPENAI_MID_STREAM_ERROR = 'data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}\n\n';
async function writeSimStream(res, source, delivery) {
  let frames = source;
  if (delivery.malformed && frames.length > 2) {
    frames = frames.slice();
    const victim = frames[1];
    frames[1] = `${victim.slice(0, Math.floor(victim.length / 2))}

`;
  }
  const cutoff = delivery.stallAfter ?? delivery.cutAfter ?? delivery.errorAfter;
  const count = cutoff === void 0 ? frames.length : Math.min(frames.length, cutoff + 1);
  const cut = delivery.cutAfter !== void 0 ? () => res.socket?.destroy() : void 0;
  if (delivery.chunkDelayMs <= 0) {
    res.write(count === frames.length ? frames.join("") : frames.slice(0, count).join(""), cut);
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
  res.end(delivery.errorAfter !== void 0 ? delivery.errorFrame ?? OPENAI_MID_STREAM_ERROR : void 0);
}
export {
  writeSimStream
};
//# sourceMappingURL=write-sim-stream.js.map
