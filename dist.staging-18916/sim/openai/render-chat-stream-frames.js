import { SIM_SYSTEM_FINGERPRINT } from "./render-chat-completion.js";
import { splitIntoWordPieces } from "../shared/split-into-word-pieces.js";
const ARGUMENT_PIECE_CHARS = 5;
function renderChatStreamFrames(plan, includeUsage) {
  const envelope = `{"id":"${plan.id}","object":"chat.completion.chunk","created":${plan.created},"model":${JSON.stringify(plan.model)},"service_tier":"default","system_fingerprint":"${SIM_SYSTEM_FINGERPRINT}"`;
  const head = `data: ${envelope},"choices":[{"index":0,"delta":`;
  const tail = includeUsage ? `,"logprobs":null,"finish_reason":null}],"usage":null}

` : `,"logprobs":null,"finish_reason":null}]}

`;
  const frame = (delta) => head + JSON.stringify(delta) + tail;
  const frames = [];
  const toolsFirst = plan.toolCalls.length > 0 && plan.reasoning === null;
  if (toolsFirst) {
    frames.push(frame({ role: "assistant", content: null, tool_calls: [toolHeader(plan.toolCalls[0], 0)] }));
  } else {
    frames.push(frame({ role: "assistant", content: "", refusal: null }));
  }
  if (plan.reasoning !== null) {
    for (const piece of splitIntoWordPieces(plan.reasoning)) frames.push(frame({ reasoning: piece }));
  }
  if (plan.toolCalls.length > 0) {
    pushToolCallFrames(frames, frame, plan.toolCalls, toolsFirst);
  } else if (plan.content) {
    const pieces = plan.contentChunks && plan.contentChunks.join("") === plan.content ? plan.contentChunks : splitIntoWordPieces(plan.content);
    for (const piece of pieces) frames.push(frame({ content: piece }));
  }
  const finishTail = includeUsage ? '}],"usage":null}\n\n' : "}]}\n\n";
  frames.push(`${head}{},"logprobs":null,"finish_reason":${JSON.stringify(plan.finishReason)}${finishTail}`);
  if (includeUsage) frames.push(`data: ${envelope},"choices":[],"usage":${JSON.stringify(plan.usage)}}

`);
  frames.push("data: [DONE]\n\n");
  return frames;
}
function toolHeader(call, index) {
  return { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } };
}
function pushToolCallFrames(frames, frame, calls, firstHeaderSent) {
  calls.forEach((call, index) => {
    if (index > 0 || !firstHeaderSent) frames.push(frame({ tool_calls: [toolHeader(call, index)] }));
  });
  const longest = Math.max(...calls.map((c) => c.arguments.length));
  for (let offset = 0; offset < longest; offset += ARGUMENT_PIECE_CHARS) {
    calls.forEach((call, index) => {
      const piece = call.arguments.slice(offset, offset + ARGUMENT_PIECE_CHARS);
      if (piece) frames.push(frame({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
  }
}
export {
  renderChatStreamFrames
};
//# sourceMappingURL=render-chat-stream-frames.js.map
