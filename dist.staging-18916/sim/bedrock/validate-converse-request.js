import { signReasoning } from "./build-converse-reply.js";
const IMAGE_FORMATS = /* @__PURE__ */ new Set(["png", "jpeg", "gif", "webp"]);
function validateConverseRequest(body) {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return "The messages field is required and must contain at least one message.";
  let toolBlocks = false;
  for (const [at, raw] of messages.entries()) {
    const expected = at % 2 === 0 ? "user" : "assistant";
    if (raw?.role !== expected) {
      return at === 0 ? "A conversation must start with a user message. Try again with a conversation that starts with a user message." : "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.";
    }
    if (!Array.isArray(raw.content) || raw.content.length === 0) return `messages.${at}.content: content must not be empty`;
    for (const [index, block] of raw.content.entries()) {
      const where = `messages.${at}.content.${index}`;
      if ("text" in block && (typeof block.text !== "string" || block.text.trim() === "")) {
        return `The text field in the ContentBlock object at ${where} is blank. Add text to the text field, and try again.`;
      }
      if (block.toolUse || block.toolResult) toolBlocks = true;
      if (block.image) {
        const image = block.image;
        if (!IMAGE_FORMATS.has(String(image.format))) return `${where}.image.format: invalid image format`;
        const bytes = image.source?.bytes;
        if (!image.source?.s3Location && (typeof bytes !== "string" || bytes === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(bytes))) {
          return `${where}.image.source.bytes: invalid base64 image data`;
        }
      }
      const reasoning = block.reasoningContent?.reasoningText;
      if (reasoning && (typeof reasoning.text !== "string" || reasoning.signature !== signReasoning(reasoning.text))) {
        return `${where}: Invalid \`signature\` in \`thinking\` block`;
      }
    }
  }
  if (toolBlocks && !body.toolConfig) return "The toolConfig field must be defined when using toolUse and toolResult content blocks.";
  return void 0;
}
export {
  validateConverseRequest
};
//# sourceMappingURL=validate-converse-request.js.map
