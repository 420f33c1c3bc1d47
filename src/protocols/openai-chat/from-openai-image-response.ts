import type { ChatResult, ChatResultChoice } from '../../core/canonical/chat-response.js';
import type { GeneratedImage } from '../../core/canonical/generated-image.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { readImageCall, readImageFinish, readImageUsage, type OpenAIImageResponse } from './read-openai-image-output.js';

/**
 * Reads a non-streamed Responses API answer to an image request: `message` items' `output_text`
 * → `content`, `image_generation_call` items → `images` (data URLs), usage with the image tool's
 * tokens (read-openai-image-output.ts).
 */
export function fromOpenAIImageResponse(bodyText: string, provider: string): ChatResult {
  let body: OpenAIImageResponse;
  try {
    body = JSON.parse(bodyText) as OpenAIImageResponse;
  } catch {
    throw invalidResponse(provider, 'body is not valid JSON', bodyText);
  }
  if (!body || typeof body !== 'object' || !Array.isArray(body.output)) throw invalidResponse(provider, 'body has no output', bodyText);
  let content = '';
  const images: GeneratedImage[] = [];
  for (const item of body.output) {
    const image = readImageCall(item);
    if (image) images.push(image);
    if (item.type === 'message' && Array.isArray(item.content)) {
      for (const part of item.content as Array<{ type?: string; text?: unknown }>) if (part.type === 'output_text' && typeof part.text === 'string') content += part.text;
    }
  }
  const message: ChatResultChoice['message'] = { role: 'assistant', content: content || null };
  if (images.length > 0) message.images = images;
  const { finishReason, native } = readImageFinish(body);
  return {
    upstreamId: typeof body.id === 'string' ? body.id : null,
    choices: [{ index: 0, message, finishReason, nativeFinishReason: native }],
    tokens: readImageUsage(body),
    systemFingerprint: null,
    extra: {},
  };
}
