import { createHash } from 'node:crypto';
import type { ChatMessage, ContentPart } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type {
  BedrockContentBlock,
  BedrockDocumentFormat,
  BedrockImageFormat,
  BedrockMessage,
  BedrockSystemBlock,
} from './bedrock-converse-api.js';
import { replayReasoningDetails } from './replay-reasoning-details.js';

const CACHE_POINT = { cachePoint: { type: 'default' } } as const;
const IMAGE_FORMATS: Record<string, BedrockImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
const DOCUMENT_FORMATS: Record<string, BedrockDocumentFormat> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/markdown': 'md',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};
/** Bedrock rejects blank text blocks; a tool that returned nothing still needs a result. */
const EMPTY_TOOL_RESULT = '(no output)';

export interface ConvertedConversation {
  system: BedrockSystemBlock[];
  messages: BedrockMessage[];
  /** Names of tools used in the history (Bedrock wants a toolConfig whenever there are any). */
  historyToolNames: Set<string>;
}

/**
 * Converts OpenAI chat messages to Converse's `system` + strictly alternating `messages`:
 * system/developer messages become system blocks, `tool` messages become `toolResult` blocks
 * in a user turn, consecutive same-role turns merge, `cache_control` becomes a `cachePoint`
 * after its block, signed reasoning is replayed before the assistant's text, and a final
 * assistant prefill loses its trailing whitespace (Claude rejects it).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html
 */
export function convertToBedrockMessages(options: {
  messages: ChatMessage[];
  cachePoints: boolean;
  replayReasoning: boolean;
  /** Mistral on Bedrock only takes 9-character alphanumeric tool ids. */
  shortToolIds?: boolean;
}): ConvertedConversation {
  const { cachePoints } = options;
  const toolId = options.shortToolIds ? toMistralToolId : (id: string) => id;
  const system: BedrockSystemBlock[] = [];
  const messages: BedrockMessage[] = [];
  const historyToolNames = new Set<string>();
  const push = (role: BedrockMessage['role'], content: BedrockContentBlock[]) => {
    if (content.length === 0) return;
    const last = messages[messages.length - 1];
    if (last?.role === role) last.content.push(...content);
    else messages.push({ role, content });
  };

  options.messages.forEach((message, at) => {
    const messageCache = cachePoints && message.cache_control !== undefined;
    switch (message.role) {
      case 'system':
      case 'developer': {
        const blocks = toTextBlocks(message.content, cachePoints);
        if (messageCache && blocks.length > 0) blocks.push(CACHE_POINT);
        system.push(...blocks);
        break;
      }
      case 'user': {
        const blocks = toUserBlocks(message.content, { cachePoints, at });
        if (messageCache && blocks.length > 0) blocks.push(CACHE_POINT);
        push('user', blocks);
        break;
      }
      case 'tool': {
        const text = toTextBlocks(message.content, false).map((block) => ('text' in block ? block.text : '')).join('\n');
        const blocks: BedrockContentBlock[] = [
          { toolResult: { toolUseId: toolId(message.tool_call_id ?? ''), content: [{ text: text || EMPTY_TOOL_RESULT }], status: 'success' } },
        ];
        if (messageCache) blocks.push(CACHE_POINT);
        push('user', blocks);
        break;
      }
      case 'assistant': {
        const isLast = at === options.messages.length - 1;
        const blocks: BedrockContentBlock[] = options.replayReasoning ? replayReasoningDetails(message.reasoning_details) : [];
        const textBlocks = toTextBlocks(message.content, cachePoints);
        if (isLast) trimTrailingWhitespace(textBlocks);
        blocks.push(...textBlocks.filter((block) => !('text' in block) || block.text !== ''));
        message.tool_calls?.forEach((call, index) => {
          historyToolNames.add(call.function.name);
          blocks.push({ toolUse: { toolUseId: toolId(call.id), name: call.function.name, input: parseArguments(call.function.arguments, { at, index }) } });
        });
        if (messageCache && blocks.length > 0) blocks.push(CACHE_POINT);
        push('assistant', blocks);
        break;
      }
    }
  });
  return { system, messages, historyToolNames };
}

function toTextBlocks(content: ChatMessage['content'], cachePoints: boolean): BedrockSystemBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  const blocks: BedrockSystemBlock[] = [];
  for (const part of content ?? []) {
    if (part.type !== 'text' || typeof part.text !== 'string') continue;
    if (part.text !== '') blocks.push({ text: part.text });
    if (cachePoints && part.cache_control !== undefined) blocks.push(CACHE_POINT);
  }
  return blocks;
}

function toUserBlocks(content: ChatMessage['content'], context: { cachePoints: boolean; at: number }): BedrockContentBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  const blocks: BedrockContentBlock[] = [];
  (content ?? []).forEach((part, index) => {
    const block = toUserBlock(part, { at: context.at, index });
    if (block) blocks.push(block);
    if (context.cachePoints && (part as { cache_control?: unknown }).cache_control !== undefined) blocks.push(CACHE_POINT);
  });
  return blocks;
}

function toUserBlock(part: ContentPart, where: { at: number; index: number }): BedrockContentBlock | undefined {
  const path = `messages[${where.at}].content[${where.index}]`;
  switch (part.type) {
    case 'text':
      return typeof part.text === 'string' && part.text !== '' ? { text: part.text } : undefined;
    case 'image_url': {
      const raw = (part as { image_url?: { url?: unknown } | string }).image_url;
      const url = typeof raw === 'string' ? raw : raw?.url;
      if (typeof url !== 'string') throw unsupported(`${path}.image_url.url is missing`);
      if (url.startsWith('s3://')) return { image: { format: imageFormatOfPath(url, path), source: { s3Location: { uri: url } } } };
      const data = parseDataUrl(url);
      if (!data) throw unsupported(`${path}: Bedrock takes images as base64 data URLs or s3:// URIs, not remote URLs`);
      const format = IMAGE_FORMATS[data.mediaType];
      if (!format) throw unsupported(`${path}: image type ${data.mediaType} is not supported by Bedrock (png, jpeg, gif, webp)`);
      return { image: { format, source: { bytes: data.base64 } } };
    }
    case 'file': {
      const file = (part as { file?: { filename?: unknown; file_data?: unknown } }).file;
      const data = typeof file?.file_data === 'string' ? parseDataUrl(file.file_data) : undefined;
      if (!data) throw unsupported(`${path}: Bedrock takes files as base64 data URLs in file.file_data`);
      const format = DOCUMENT_FORMATS[data.mediaType];
      if (!format) throw unsupported(`${path}: document type ${data.mediaType} is not supported by Bedrock`);
      return { document: { format, name: documentName(file?.filename, where.index), source: { bytes: data.base64 } } };
    }
    default:
      throw unsupported(`${path}: content type ${part.type} is not supported by Bedrock`);
  }
}

function parseDataUrl(url: string): { mediaType: string; base64: string } | undefined {
  const match = /^data:([^;,]+)(?:;[^,]*)?;base64,/i.exec(url);
  if (!match?.[1]) return undefined;
  return { mediaType: match[1].toLowerCase(), base64: url.slice(match[0].length) };
}

function imageFormatOfPath(uri: string, path: string): BedrockImageFormat {
  const extension = uri.slice(uri.lastIndexOf('.') + 1).toLowerCase();
  const format = IMAGE_FORMATS[`image/${extension}`];
  if (!format) throw unsupported(`${path}: cannot tell the image format of ${uri}`);
  return format;
}

/** Bedrock allows only letters, digits, single spaces, hyphens, parentheses and brackets. */
function documentName(filename: unknown, index: number): string {
  const base = typeof filename === 'string' ? filename.replace(/\.[^.]*$/, '') : '';
  const cleaned = base.replace(/[^A-Za-z0-9\s\-()[\]]/g, '-').replace(/\s+/g, ' ').trim();
  return cleaned || `document-${index + 1}`;
}

function trimTrailingWhitespace(blocks: BedrockSystemBlock[]): void {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i];
    if (block && 'text' in block) {
      block.text = block.text.trimEnd();
      return;
    }
  }
}

const MISTRAL_TOOL_ID = /^[a-zA-Z0-9]{9}$/;

/**
 * A tool id Mistral accepts: valid ids pass, others (from another provider's turn) become a
 * stable 9-character hash, so a toolUse and its toolResult still match.
 */
function toMistralToolId(id: string): string {
  if (MISTRAL_TOOL_ID.test(id)) return id;
  return createHash('sha256').update(id).digest('base64').replace(/[^a-zA-Z0-9]/g, '').slice(0, 9);
}

function parseArguments(text: string, where: { at: number; index: number }): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError(`messages[${where.at}].tool_calls[${where.index}].function.arguments is not valid JSON`);
  }
}

/**
 * Input this endpoint cannot take. Retryable, so another provider of the same model that
 * can (one that fetches remote images, say) is tried before the client gets the 400.
 */
function unsupported(message: string): InvalidRequestError {
  return new InvalidRequestError(message, { retryable: true });
}
