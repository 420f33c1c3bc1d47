import { writeSimStream } from "../shared/write-sim-stream.js";
import { OVERLOADED_EVENT, sendAnthropicError } from "./anthropic-sim-error.js";
import { buildAnthropicReply } from "./build-anthropic-reply.js";
import { readAnthropicPrompt } from "./read-anthropic-prompt.js";
import { renderAnthropicMessage } from "./render-anthropic-message.js";
import { renderAnthropicStream } from "./render-anthropic-stream.js";
import { buildAnthropicHeaders, sendAnthropicJson } from "./send-anthropic-json.js";
import { validateAnthropicRequest } from "./validate-anthropic-request.js";
async function handleMessages(ctx) {
  const { res, body, fault } = ctx;
  const problem = validateAnthropicRequest(body, ctx.apiVersion);
  if (problem) return sendAnthropicError(res, { status: 400, message: problem });
  const { afterToolResult } = readAnthropicPrompt(body.messages);
  const plan = buildAnthropicReply({ body, prompt: ctx.prompt, afterToolResult, fault, seq: ctx.seq, cache: ctx.cache });
  if (body.stream !== true) {
    const json = JSON.stringify(renderAnthropicMessage(plan, !fault.no_usage));
    sendAnthropicJson(res, 200, fault.malformed ? json.slice(0, Math.floor(json.length / 2)) : json);
    return;
  }
  res.writeHead(200, buildAnthropicHeaders("text/event-stream; charset=utf-8", { "cache-control": "no-cache" }));
  await writeSimStream(res, renderAnthropicStream(plan, !fault.no_usage), {
    chunkDelayMs: fault.chunk_delay ?? ctx.chunkDelayMs,
    signal: ctx.signal,
    stallAfter: fault.stall_after,
    cutAfter: fault.cut_after,
    errorAfter: fault.error_after,
    errorFrame: OVERLOADED_EVENT,
    malformed: fault.malformed
  });
}
export {
  handleMessages
};
//# sourceMappingURL=handle-messages.js.map
