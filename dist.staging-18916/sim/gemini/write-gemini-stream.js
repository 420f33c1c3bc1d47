import { setTimeout as sleep } from "node:timers/promises";
const MID_STREAM_ERROR = { error: { code: 500, message: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", status: "INTERNAL" } };
async function writeGeminiStream(res, chunks, options) {
  const { fault, sse } = options;
  const frames = chunks.map((chunk) => JSON.stringify(chunk));
  if (fault.malformed && frames.length > 0) frames[0] = frames[0].slice(0, Math.floor(frames[0].length / 2));
  const cutoff = fault.stall_after ?? fault.cut_after ?? fault.error_after;
  const count = cutoff === void 0 ? frames.length : Math.min(frames.length, cutoff);
  const frame = (data, index) => sse ? `data: ${data}\r
\r
` : `${index === 0 ? "[" : ",\r\n"}${data}`;
  res.writeHead(200, { "content-type": sse ? "text/event-stream" : "application/json; charset=UTF-8", "x-content-type-options": "nosniff", server: "scaffolding on HTTPServer2" });
  const cut = fault.cut_after !== void 0 ? () => res.socket?.destroy() : void 0;
  for (let index = 0; index < count; index++) {
    if (index > 0 && options.chunkDelayMs > 0) {
      try {
        await sleep(options.chunkDelayMs, void 0, { signal: options.signal });
      } catch {
        return;
      }
    }
    if (res.destroyed) return;
    res.write(frame(frames[index], index), index === count - 1 ? cut : void 0);
  }
  if (count === 0 && cut) cut();
  if (fault.stall_after !== void 0 || cut) return;
  if (fault.error_after !== void 0) {
    res.end(frame(JSON.stringify(MID_STREAM_ERROR), count) + (sse ? "" : "]"));
    return;
  }
  res.end(sse ? void 0 : count === 0 ? "[]" : "]");
}
export {
  writeGeminiStream
};
//# sourceMappingURL=write-gemini-stream.js.map
