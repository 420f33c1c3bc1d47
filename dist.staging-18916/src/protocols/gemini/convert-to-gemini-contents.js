import { InvalidRequestError } from "../../core/errors/gateway-error.js";
import { GEMINI_REASONING_FORMAT } from "./gemini-api.js";
const SKIP_SIGNATURE = "skip_thought_signature_validator";
function convertToGeminiContents(messages) {
  const systemParts = [];
  const contents = [];
  const callNames = /* @__PURE__ */ new Map();
  const push = (role, parts) => {
    if (parts.length === 0) return;
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  messages.forEach((message, position) => {
    switch (message.role) {
      case "system":
      case "developer":
        systemParts.push(...toTextParts(message.content));
        break;
      case "user":
        push("user", toUserParts(message.content, position));
        break;
      case "assistant":
        for (const call of message.tool_calls ?? []) callNames.set(call.id, call.function.name);
        push("model", toModelParts(message));
        break;
      case "tool": {
        const name = callNames.get(message.tool_call_id ?? "") ?? (typeof message.name === "string" ? message.name : void 0);
        if (!name) {
          throw new InvalidRequestError(`messages[${position}]: tool message answers tool_call_id "${message.tool_call_id ?? ""}", which no earlier assistant message called`);
        }
        push("user", [{ functionResponse: { name, response: toFunctionResponse(message.content) } }]);
        break;
      }
    }
  });
  return { systemParts, contents };
}
function toTextParts(content) {
  if (typeof content === "string") return content ? [{ text: content }] : [];
  return (content ?? []).flatMap((part) => part.type === "text" && typeof part.text === "string" && part.text ? [{ text: part.text }] : []);
}
function toUserParts(content, position) {
  if (typeof content === "string") return [{ text: content }];
  return (content ?? []).flatMap((part) => toUserPart(part, position));
}
function toUserPart(part, position) {
  const value = part;
  switch (part.type) {
    case "text":
      return typeof value.text === "string" ? [{ text: value.text }] : [];
    case "image_url": {
      const url = typeof value.image_url === "string" ? value.image_url : value.image_url?.url;
      if (typeof url !== "string") throw new InvalidRequestError(`messages[${position}]: image_url.url is required`);
      return [toMediaPart(url, "image/jpeg")];
    }
    case "input_audio": {
      const audio = value.input_audio;
      if (typeof audio?.data !== "string") return [];
      return [{ inlineData: { mimeType: `audio/${typeof audio.format === "string" ? audio.format : "wav"}`, data: audio.data } }];
    }
    case "file": {
      const file = value.file;
      if (typeof file?.file_data !== "string") return [];
      return [toMediaPart(file.file_data, mimeFromName(typeof file.filename === "string" ? file.filename : "") ?? "application/pdf")];
    }
    default:
      return [];
  }
}
function toMediaPart(url, fallbackMime) {
  const match = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (match) return { inlineData: { mimeType: match[1] ?? fallbackMime, data: match[2] ?? "" } };
  return { fileData: { mimeType: mimeFromName(url) ?? fallbackMime, fileUri: url } };
}
const MIME_BY_EXTENSION = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  heif: "image/heif",
  pdf: "application/pdf",
  mp3: "audio/mp3",
  wav: "audio/wav",
  mp4: "video/mp4",
  txt: "text/plain"
};
function mimeFromName(name) {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name)?.[1]?.toLowerCase();
  return extension ? MIME_BY_EXTENSION[extension] : void 0;
}
function toModelParts(message) {
  const parts = toTextParts(message.content);
  const calls = (message.tool_calls ?? []).map((call) => ({ functionCall: { name: call.function.name, args: parseArguments(call) } }));
  const byId = new Map((message.tool_calls ?? []).map((call, index) => [call.id, calls[index]]));
  const loose = [];
  for (const detail of message.reasoning_details ?? []) {
    const entry = detail;
    if (entry.type !== "reasoning.encrypted" || entry.format !== GEMINI_REASONING_FORMAT || typeof entry.data !== "string") continue;
    const target = typeof entry.id === "string" ? byId.get(entry.id) : void 0;
    if (target) target.thoughtSignature = entry.data;
    else loose.push(entry.data);
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    const signature = call.extra_content?.google?.thought_signature;
    const part = calls[index];
    if (part && !part.thoughtSignature && typeof signature === "string") part.thoughtSignature = signature;
  });
  for (const signature of loose) {
    const target = parts.find((part) => !part.thoughtSignature) ?? calls.find((part) => !part.thoughtSignature);
    if (target) target.thoughtSignature = signature;
  }
  const first = calls[0];
  if (first && !first.thoughtSignature) first.thoughtSignature = SKIP_SIGNATURE;
  return [...parts, ...calls];
}
function parseArguments(call) {
  const text = call.function.arguments;
  if (!text || !text.trim()) return {};
  try {
    const value = JSON.parse(text);
    return isPlainObject(value) ? value : { value };
  } catch {
    return { arguments: text };
  }
}
function toFunctionResponse(content) {
  const text = typeof content === "string" ? content : toTextParts(content).map((part) => part.text).join("");
  try {
    const value = JSON.parse(text);
    if (isPlainObject(value)) return value;
  } catch {
  }
  return { content: text };
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
export {
  SKIP_SIGNATURE,
  convertToGeminiContents
};
//# sourceMappingURL=convert-to-gemini-contents.js.map
