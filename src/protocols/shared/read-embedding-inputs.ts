import type { ChatRequest } from '../../core/canonical/chat-request.js';

/** The texts of an embeddings request (one message per input), in input order. */
export function readEmbeddingInputs(request: ChatRequest): string[] {
  return request.messages.map((message) => {
    const content = message.content;
    if (typeof content === 'string') return content;
    return (content ?? []).map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
  });
}
