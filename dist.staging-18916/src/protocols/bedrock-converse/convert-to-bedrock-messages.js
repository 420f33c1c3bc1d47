import { createHash } from "node:crypto";
import { InvalidRequestError } from "../../core/errors/gateway-error.js";
import { replayReasoningDetails } from "./replay-reasoning-details.js";
const CACHE_POINT = { cachePoint: { type: "default" } };
const IMAGE_FORMATS = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/gif": "gif",
  "image/webp": "webp"
};
const DOCUMENT_FORMATS = {
  "application/pdf": "pdf",
  "text/csv": "csv",
  "text/plain": "txt",
  "text/html": "html",
  "text/markdown": "md",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"
};
const EMPTY_TOOL_RESULT = "(no output)";
function convertToBedrockMessages(options) {
  const { cachePoints } = options;
  const toolId = options.shortToolIds ? toMistralToolId : (id) => id;
  const system = [];
  const messages = [];
  const historyToolNames = /* @__PURE__ */ new Set();
  const push = (role, content) => {
    if (content.length === 0) return;
    const last = messages[messages.length - 1];
    if (last?.role === role) last.content.push(...content);
    else messages.push({ role, content });
  };
  options.messages.forEach((message, at) => {
    const messageCache = cachePoints && message.cache_control !== void 0;
    switch (message.role) {
      case "system":
      case "developer": {
        const blocks = toTextBlocks(message.content, cachePoints);
        if (messageCache && blocks.length > 0) blocks.push(CACHE_POINT);
        system.push(...blocks);
        break;
      }
      case "user": {
        const blocks = toUserBlocks(message.content, { cachePoints, at });
        if (messageCache && blocks.length > 0) blocks.push(CACHE_POINT);
        push("user", blocks);
        break;
      }
      case "tool": {
        const text = toTextBlocks(message.content, false).map((block) => "text" in block ? block.text : "").join("\n");
        const blocks = [
          { toolResult: { toolUseId: toolId(message.tool_call_id ?? ""), content: [{ text: text || EMPTY_TOOL_RESULT }], status: "success" } }
        ];
        if (messageCache) blocks.push(CACHE_POINT);
        push("user", blocks);
        break;
      }
      case "assistant": {
        const isLast = at === options.messages.length - 1;
        const blocks = options.replayReasoning ? replayReasoningDetails(message.reasoning_details) : [];
        const textBlocks = toTextBlocks(message.content, cachePoints);
        if (isLast) trimTrailingWhitespace(textBlocks);
        blocks.push(...textBlocks.filter((block) => !("text" in block) || block.text !== ""));
        message.tool_calls?.forEach((call, index) => {
          historyToolNames.add(call.function.name);
          blocks.push({ toolUse: { toolUseId: toolId(call.id), name: call.function.name, input: parseArguments(call.function.arguments, { at, index }) } });
        });
        if (messageCache && blocks.length > 0) blocks.push(CACHE_POINT);
        push("assistant", blocks);
        break;
      }
    }
  });
  return { system, messages, historyToolNames };
}
function toTextBlocks(content, cachePoints) {
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  const blocks = [];
  for (const part of content ?? []) {
    if (part.type !== "text" || typeof part.text !== "string") continue;
    if (part.text !== "") blocks.push({ text: part.text });
    if (cachePoints && part.cache_control !== void 0) blocks.push(CACHE_POINT);
  }
  return blocks;
}
function toUserBlocks(content, context) {
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  const blocks = [];
  (content ?? []).forEach((part, index) => {
    const block = toUserBlock(part, { at: context.at, index });
    if (block) blocks.push(block);
    if (context.cachePoints && part.cache_control !== void 0) blocks.push(CACHE_POINT);
  });
  return blocks;
}
function toUserBlock(part, where) {
  const path = `messages[${where.at}].content[${where.index}]`;
  switch (part.type) {
    case "text":
      return typeof part.text === "string" && part.text !== "" ? { text: part.text } : void 0;
    case "image_url": {
      const raw = part.image_url;
      const url = typeof raw === "string" ? raw : raw?.url;
      if (typeof url !== "string") throw unsupported(`${path}.image_url.url is missing`);
      if (url.startsWith("s3://")) return { image: { format: imageFormatOfPath(url, path), source: { s3Location: { uri: url } } } };
      const data = parseDataUrl(url);
      if (!data) throw unsupported(`${path}: Bedrock takes images as base64 data URLs or s3:// URIs, not remote URLs`);
      const format = IMAGE_FORMATS[data.mediaType];
      if (!format) throw unsupported(`${path}: image type ${data.mediaType} is not supported by Bedrock (png, jpeg, gif, webp)`);
      return { image: { format, source: { bytes: data.base64 } } };
    }
    case "file": {
      const file = part.file;
      const data = typeof file?.file_data === "string" ? parseDataUrl(file.file_data) : void 0;
      if (!data) throw unsupported(`${path}: Bedrock takes files as base64 data URLs in file.file_data`);
      const format = DOCUMENT_FORMATS[data.mediaType];
      if (!format) throw unsupported(`${path}: document type ${data.mediaType} is not supported by Bedrock`);
      return { document: { format, name: documentName(file?.filename, where.index), source: { bytes: data.base64 } } };
    }
    default:
      throw unsupported(`${path}: content type ${part.type} is not supported by Bedrock`);
  }
}
function parseDataUrl(url) {
  const match = /^data:([^;,]+)(?:;[^,]*)?;base64,/i.exec(url);
  if (!match?.[1]) return void 0;
  return { mediaType: match[1].toLowerCase(), base64: url.slice(match[0].length) };
}
function imageFormatOfPath(uri, path) {
  const extension = uri.slice(uri.lastIndexOf(".") + 1).toLowerCase();
  const format = IMAGE_FORMATS[`image/${extension}`];
  if (!format) throw unsupported(`${path}: cannot tell the image format of ${uri}`);
  return format;
}
function documentName(filename, index) {
  const base = typeof filename === "string" ? filename.replace(/\.[^.]*$/, "") : "";
  const cleaned = base.replace(/[^A-Za-z0-9\s\-()[\]]/g, "-").replace(/\s+/g, " ").trim();
  return cleaned || `document-${index + 1}`;
}
function trimTrailingWhitespace(blocks) {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i];
    if (block && "text" in block) {
      block.text = block.text.trimEnd();
      return;
    }
  }
}
const MISTRAL_TOOL_ID = /^[a-zA-Z0-9]{9}$/;
function toMistralToolId(id) {
  if (MISTRAL_TOOL_ID.test(id)) return id;
  return createHash("sha256").update(id).digest("base64").replace(/[^a-zA-Z0-9]/g, "").slice(0, 9);
}
function parseArguments(text, where) {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError(`messages[${where.at}].tool_calls[${where.index}].function.arguments is not valid JSON`);
  }
}
function unsupported(message) {
  return new InvalidRequestError(message, { retryable: true });
}
export {
  convertToBedrockMessages
};
//# sourceMappingURL=convert-to-bedrock-messages.js.map
