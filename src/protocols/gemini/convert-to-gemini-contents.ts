import type { ChatMessage, ContentPart, ToolCall } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { GEMINI_REASONING_FORMAT, type GeminiContent, type GeminiPart } from './gemini-api.js';

/**
 * Gemini's documented stand-in for a function-call signature the client did not keep:
 * accepted instead of a real one, so clients that drop `reasoning_details` still work.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/**
 * OpenAI chat messages → Gemini `systemInstruction` + `contents`. System and developer
 * messages go to `systemInstruction`; assistant turns become `model` contents whose function
 * calls get their thought signatures back from `reasoning_details`; tool results become
 * `functionResponse` parts (named after the call they answer) in a `user` content; consecutive
 * contents of the same role are merged, as Gemini wants strict user/model alternation.
 * @see https://ai.google.dev/api/generate-content#v1beta.Content
 */
export function convertToGeminiContents(messages: ChatMessage[]): { systemParts: GeminiPart[]; contents: GeminiContent[] } {
  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const callNames = new Map<string, string>();
  const push = (role: GeminiContent['role'], parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  messages.forEach((message, position) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        systemParts.push(...toTextParts(message.content));
        break;
      case 'user':
        push('user', toUserParts(message.content, position));
        break;
      case 'assistant':
        for (const call of message.tool_calls ?? []) callNames.set(call.id, call.function.name);
        push('model', toModelParts(message));
        break;
      case 'tool': {
        const name = callNames.get(message.tool_call_id ?? '') ?? (typeof message.name === 'string' ? message.name : undefined);
        if (!name) {
          throw new InvalidRequestError(`messages[${position}]: tool message answers tool_call_id "${message.tool_call_id ?? ''}", which no earlier assistant message called`);
        }
        push('user', [{ functionResponse: { name, response: toFunctionResponse(message.content) } }]);
        break;
      }
    }
  });
  return { systemParts, contents };
}

function toTextParts(content: ChatMessage['content']): GeminiPart[] {
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  return (content ?? []).flatMap((part) => (part.type === 'text' && typeof part.text === 'string' && part.text ? [{ text: part.text }] : []));
}

function toUserParts(content: ChatMessage['content'], position: number): GeminiPart[] {
  if (typeof content === 'string') return [{ text: content }];
  return (content ?? []).flatMap((part) => toUserPart(part, position));
}

function toUserPart(part: ContentPart, position: number): GeminiPart[] {
  const value = part as Record<string, unknown>;
  switch (part.type) {
    case 'text':
      return typeof value.text === 'string' ? [{ text: value.text }] : [];
    case 'image_url': {
      const url = typeof value.image_url === 'string' ? value.image_url : (value.image_url as { url?: unknown } | undefined)?.url;
      if (typeof url !== 'string') throw new InvalidRequestError(`messages[${position}]: image_url.url is required`);
      return [toMediaPart(url, 'image/jpeg')];
    }
    case 'input_audio': {
      const audio = value.input_audio as { data?: unknown; format?: unknown } | undefined;
      if (typeof audio?.data !== 'string') return [];
      return [{ inlineData: { mimeType: `audio/${typeof audio.format === 'string' ? audio.format : 'wav'}`, data: audio.data } }];
    }
    case 'file': {
      const file = value.file as { file_data?: unknown; filename?: unknown } | undefined;
      if (typeof file?.file_data !== 'string') return [];
      return [toMediaPart(file.file_data, mimeFromName(typeof file.filename === 'string' ? file.filename : '') ?? 'application/pdf')];
    }
    default:
      return [];
  }
}

/**
 * A data URL becomes `inlineData`. Any other URL becomes `fileData` for Gemini to fetch:
 * the gateway never downloads client-supplied URLs itself (no SSRF, no added latency), so a
 * URL Gemini cannot read comes back as Gemini's own 400.
 */
function toMediaPart(url: string, fallbackMime: string): GeminiPart {
  const match = /^data:([^;,]+)?(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (match) return { inlineData: { mimeType: match[1] ?? fallbackMime, data: match[2] ?? '' } };
  return { fileData: { mimeType: mimeFromName(url) ?? fallbackMime, fileUri: url } };
}

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', heic: 'image/heic', heif: 'image/heif',
  pdf: 'application/pdf', mp3: 'audio/mp3', wav: 'audio/wav', mp4: 'video/mp4', txt: 'text/plain',
};

function mimeFromName(name: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name)?.[1]?.toLowerCase();
  return extension ? MIME_BY_EXTENSION[extension] : undefined;
}

/** Assistant text and function calls, with thought signatures put back where Gemini sent them. */
function toModelParts(message: ChatMessage): GeminiPart[] {
  const parts: GeminiPart[] = toTextParts(message.content);
  const calls: GeminiPart[] = (message.tool_calls ?? []).map((call) => ({ functionCall: { name: call.function.name, args: parseArguments(call) } }));
  const byId = new Map((message.tool_calls ?? []).map((call, index) => [call.id, calls[index] as GeminiPart]));
  const loose: string[] = [];
  for (const detail of message.reasoning_details ?? []) {
    const entry = detail as { type?: unknown; format?: unknown; data?: unknown; id?: unknown };
    if (entry.type !== 'reasoning.encrypted' || entry.format !== GEMINI_REASONING_FORMAT || typeof entry.data !== 'string') continue;
    const target = typeof entry.id === 'string' ? byId.get(entry.id) : undefined;
    if (target) target.thoughtSignature = entry.data;
    else loose.push(entry.data);
  }
  // Google's own OpenAI-compatible endpoint carries the signature on the tool call.
  (message.tool_calls ?? []).forEach((call, index) => {
    const signature = (call as { extra_content?: { google?: { thought_signature?: unknown } } }).extra_content?.google?.thought_signature;
    const part = calls[index];
    if (part && !part.thoughtSignature && typeof signature === 'string') part.thoughtSignature = signature;
  });
  for (const signature of loose) {
    const target = parts.find((part) => !part.thoughtSignature) ?? calls.find((part) => !part.thoughtSignature);
    if (target) target.thoughtSignature = signature;
  }
  const first = calls[0];
  if (first && !first.thoughtSignature) first.thoughtSignature = SKIP_SIGNATURE;
  return [...parts, ...calls];
}

/** `functionCall.args` must be an object: JSON arguments are parsed, anything else wrapped. */
function parseArguments(call: ToolCall): Record<string, unknown> {
  const text = call.function.arguments;
  if (!text || !text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : { value };
  } catch {
    return { arguments: text };
  }
}

/** `functionResponse.response` must be an object: a JSON object is sent as is, anything else as `{content}`. */
function toFunctionResponse(content: ChatMessage['content']): Record<string, unknown> {
  const text = typeof content === 'string' ? content : toTextParts(content).map((part) => part.text).join('');
  try {
    const value: unknown = JSON.parse(text);
    if (isPlainObject(value)) return value;
  } catch {
    // Plain text result.
  }
  return { content: text };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
