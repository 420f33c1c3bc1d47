import { splitIntoWordPieces } from "../shared/split-into-word-pieces.js";
const JSON_PIECE = 7;
function renderAnthropicStream(plan, withUsage = true) {
  const frames = [];
  const send = (event) => frames.push(`event: ${event.type}
data: ${JSON.stringify(event)}

`);
  const { usage } = plan;
  send({
    type: "message_start",
    message: {
      id: plan.id,
      type: "message",
      role: "assistant",
      model: plan.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      ...withUsage ? { usage: { ...usage, output_tokens: 1, output_tokens_details: void 0 } } : {}
    }
  });
  plan.blocks.forEach((block, index) => {
    send({ type: "content_block_start", index, content_block: emptyBlock(block) });
    if (index === 0) send({ type: "ping" });
    for (const delta of blockDeltas(block)) send({ type: "content_block_delta", index, delta });
    send({ type: "content_block_stop", index });
  });
  send({
    type: "message_delta",
    delta: { stop_reason: plan.stopReason, stop_sequence: plan.stopSequence },
    ...withUsage ? {
      usage: {
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        output_tokens: usage.output_tokens,
        ...usage.output_tokens_details ? { output_tokens_details: usage.output_tokens_details } : {}
      }
    } : {}
  });
  send({ type: "message_stop" });
  return frames;
}
function emptyBlock(block) {
  switch (block.type) {
    case "thinking":
      return { type: "thinking", thinking: "", signature: "" };
    case "text":
      return { type: "text", text: "" };
    case "tool_use":
      return { type: "tool_use", id: block.id, name: block.name, input: {} };
  }
}
function blockDeltas(block) {
  switch (block.type) {
    case "thinking":
      return [
        ...splitIntoWordPieces(block.thinking).map((thinking) => ({ type: "thinking_delta", thinking })),
        { type: "signature_delta", signature: block.signature }
      ];
    case "text":
      return splitIntoWordPieces(block.text).map((text) => ({ type: "text_delta", text }));
    case "tool_use": {
      const json = JSON.stringify(block.input);
      const pieces = [{ type: "input_json_delta", partial_json: "" }];
      for (let at = 0; at < json.length; at += JSON_PIECE) pieces.push({ type: "input_json_delta", partial_json: json.slice(at, at + JSON_PIECE) });
      return pieces;
    }
  }
}
export {
  renderAnthropicStream
};
//# sourceMappingURL=render-anthropic-stream.js.map
