import type { ChatRequest } from '../core/canonical/chat-request.js';

/** Images in a request's messages (`image_url` parts), billed per image at `pricing.image`. */
export function countPromptImages(request: ChatRequest): number {
  let images = 0;
  for (const message of request.messages ?? []) {
    if (!Array.isArray(message.content)) continue;
    for (const part of message.content) if (part.type === 'image_url') images += 1;
  }
  return images;
}
