import { InvalidRequestError } from "../../core/errors/gateway-error.js";
const DATA_URL = /^data:([^;,]+)((?:;[^;,=]+=[^;,]*)*)(;base64)?,(.*)$/s;
function toAnthropicContentBlocks(content) {
  if (content === null || content === void 0) return [];
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  const blocks = [];
  for (const part of content) {
    const block = toBlock(part);
    if (!block) continue;
    const cacheControl = part.cache_control;
    if (cacheControl) block.cache_control = cacheControl;
    blocks.push(block);
  }
  return blocks;
}
function toBlock(part) {
  switch (part.type) {
    case "text": {
      const text = part.text;
      return typeof text === "string" && text !== "" ? { type: "text", text } : void 0;
    }
    case "image_url": {
      const image = part.image_url;
      const url = typeof image === "string" ? image : image?.url;
      if (typeof url !== "string" || url === "") throw new InvalidRequestError("image_url part without a url");
      return { type: "image", source: imageSource(url) };
    }
    case "file":
      return documentBlock(part);
    case "input_audio":
      throw new InvalidRequestError("Anthropic models do not accept audio input (input_audio parts)");
    default:
      throw new InvalidRequestError(`Content part type "${String(part.type)}" is not supported by Anthropic models`);
  }
}
function imageSource(url) {
  if (url.startsWith("data:")) {
    const parsed = parseDataUrl(url);
    return { type: "base64", media_type: parsed.mediaType, data: parsed.base64 };
  }
  if (/^https?:\/\//i.test(url)) return { type: "url", url };
  throw new InvalidRequestError("image_url must be an http(s) URL or a base64 data URL");
}
function documentBlock(part) {
  const data = part.file?.file_data;
  if (typeof data !== "string") throw new InvalidRequestError("Anthropic models take files as file_data data URLs, not file ids");
  const title = typeof part.file?.filename === "string" ? part.file.filename : void 0;
  if (/^https?:\/\//i.test(data)) return { type: "document", source: { type: "url", url: data }, ...title ? { title } : {} };
  const parsed = parseDataUrl(data);
  if (parsed.mediaType === "application/pdf") {
    return { type: "document", source: { type: "base64", media_type: "application/pdf", data: parsed.base64 }, ...title ? { title } : {} };
  }
  if (parsed.mediaType.startsWith("text/")) {
    const text = Buffer.from(parsed.base64, "base64").toString("utf8");
    return { type: "document", source: { type: "text", media_type: "text/plain", data: text }, ...title ? { title } : {} };
  }
  throw new InvalidRequestError(`Anthropic models do not accept ${parsed.mediaType} files (PDF and plain text only)`);
}
function parseDataUrl(url) {
  const match = DATA_URL.exec(url);
  if (!match) throw new InvalidRequestError("Malformed data URL in a content part");
  const mediaType = match[1].toLowerCase();
  const payload = match[4];
  if (match[3]) return { mediaType, base64: payload };
  try {
    return { mediaType, base64: Buffer.from(decodeURIComponent(payload), "utf8").toString("base64") };
  } catch {
    throw new InvalidRequestError("Malformed data URL in a content part");
  }
}
export {
  toAnthropicContentBlocks
};
//# sourceMappingURL=to-anthropic-content-blocks.js.map
