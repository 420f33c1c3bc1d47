import type { ContentPart } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type {
  AnthropicCacheControl,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicTextBlock,
} from './anthropic-messages-api.js';

/** Blocks an OpenAI content part can become. */
export type AnthropicPartBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock;

const DATA_URL = /^data:([^;,]+)((?:;[^;,=]+=[^;,]*)*)(;base64)?,(.*)$/s;

/**
 * Converts OpenAI message content (a string or parts) to Anthropic blocks: text stays text
 * (empty text is dropped, Anthropic rejects it), `image_url` becomes an image block with a
 * base64 source (data URLs) or a url source (http/https), a `file` part holding a PDF or plain
 * text data URL becomes a document block. `cache_control` on a part is carried over.
 * Audio and file ids have no Anthropic equivalent: a 400 that says so, not a silent drop.
 * @see https://docs.anthropic.com/en/api/messages#body-messages-content
 */
export function toAnthropicContentBlocks(content: string | ContentPart[] | null | undefined): AnthropicPartBlock[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const blocks: AnthropicPartBlock[] = [];
  for (const part of content) {
    const block = toBlock(part);
    if (!block) continue;
    const cacheControl = (part as { cache_control?: AnthropicCacheControl }).cache_control;
    if (cacheControl) block.cache_control = cacheControl;
    blocks.push(block);
  }
  return blocks;
}

function toBlock(part: ContentPart): AnthropicPartBlock | undefined {
  switch (part.type) {
    case 'text': {
      const text = (part as { text?: unknown }).text;
      return typeof text === 'string' && text !== '' ? { type: 'text', text } : undefined;
    }
    case 'image_url': {
      const image = (part as { image_url?: { url?: unknown } | string }).image_url;
      const url = typeof image === 'string' ? image : image?.url;
      if (typeof url !== 'string' || url === '') throw new InvalidRequestError('image_url part without a url');
      return { type: 'image', source: imageSource(url) };
    }
    case 'file':
      return documentBlock(part as { file?: { file_data?: unknown; file_id?: unknown; filename?: unknown } });
    case 'input_audio':
      throw new InvalidRequestError('Anthropic models do not accept audio input (input_audio parts)');
    default:
      throw new InvalidRequestError(`Content part type "${String(part.type)}" is not supported by Anthropic models`);
  }
}

function imageSource(url: string): AnthropicImageBlock['source'] {
  if (url.startsWith('data:')) {
    const parsed = parseDataUrl(url);
    return { type: 'base64', media_type: parsed.mediaType, data: parsed.base64 };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'url', url };
  throw new InvalidRequestError('image_url must be an http(s) URL or a base64 data URL');
}

function documentBlock(part: { file?: { file_data?: unknown; file_id?: unknown; filename?: unknown } }): AnthropicDocumentBlock {
  const data = part.file?.file_data;
  if (typeof data !== 'string') throw new InvalidRequestError('Anthropic models take files as file_data data URLs, not file ids');
  const title = typeof part.file?.filename === 'string' ? part.file.filename : undefined;
  if (/^https?:\/\//i.test(data)) return { type: 'document', source: { type: 'url', url: data }, ...(title ? { title } : {}) };
  const parsed = parseDataUrl(data);
  if (parsed.mediaType === 'application/pdf') {
    return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: parsed.base64 }, ...(title ? { title } : {}) };
  }
  if (parsed.mediaType.startsWith('text/')) {
    const text = Buffer.from(parsed.base64, 'base64').toString('utf8');
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, ...(title ? { title } : {}) };
  }
  throw new InvalidRequestError(`Anthropic models do not accept ${parsed.mediaType} files (PDF and plain text only)`);
}

/** Splits `data:<type>[;params][;base64],<data>`; non-base64 payloads are percent-decoded and re-encoded. */
function parseDataUrl(url: string): { mediaType: string; base64: string } {
  const match = DATA_URL.exec(url);
  if (!match) throw new InvalidRequestError('Malformed data URL in a content part');
  const mediaType = (match[1] as string).toLowerCase();
  const payload = match[4] as string;
  if (match[3]) return { mediaType, base64: payload };
  try {
    return { mediaType, base64: Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64') };
  } catch {
    throw new InvalidRequestError('Malformed data URL in a content part');
  }
}
