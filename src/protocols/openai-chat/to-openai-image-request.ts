import type { ChatMessage, ChatRequest } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';

/** OpenRouter's `image_config.aspect_ratio` → the sizes OpenAI's image tool takes. */
const SIZES: Record<string, string> = { '1:1': '1024x1024', '2:3': '1024x1536', '3:2': '1536x1024' };

type InputPart = { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string } | { type: 'output_text'; text: string };

/**
 * A chat request asking for images (`modalities` with "image") → an OpenAI Responses API body
 * with the hosted `image_generation` tool, which is how OpenAI itself serves image output from
 * GPT-5 models (chat completions has none). Messages become `input` items (system/developer →
 * `developer`; text and `image_url` parts → `input_text` / `input_image`; assistant text →
 * `output_text`); `image_config.aspect_ratio` 1:1, 2:3, 3:2 → the tool's `size`; the tool is forced
 * so an image always comes back; `store: false`. What this path cannot carry is refused by name:
 * function tools and tool history, other aspect ratios, `image_config.image_size` (Gemini only).
 * @see https://platform.openai.com/docs/guides/tools-image-generation
 */
export function toOpenAIImageRequest(options: { request: ChatRequest; upstreamModel: string; stream: boolean }): string {
  const { request } = options;
  if ((Array.isArray(request.tools) && request.tools.length > 0) || request.messages.some((message) => message.role === 'tool' || message.tool_calls?.length)) {
    throw refuse('tools', 'function tools cannot be combined with image output on OpenAI models through this gateway; send the image request without tools');
  }
  const tool: Record<string, unknown> = { type: 'image_generation', output_format: 'png' };
  const config = (request.image_config ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(config)) {
    if (key !== 'aspect_ratio') throw refuse(`image_config.${key}`, `image_config.${key} is not supported by OpenAI image models; supported: aspect_ratio (${Object.keys(SIZES).join(', ')})`);
    const size = typeof value === 'string' ? SIZES[value] : undefined;
    if (!size) throw refuse('image_config.aspect_ratio', `image_config.aspect_ratio ${JSON.stringify(value)} is not available on OpenAI image models; supported: ${Object.keys(SIZES).join(', ')}`);
    tool.size = size;
  }
  const body: Record<string, unknown> = {
    model: options.upstreamModel,
    input: request.messages.map(toInputItem),
    tools: [tool],
    tool_choice: { type: 'image_generation' },
    store: false,
  };
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === 'number') body.max_output_tokens = maxTokens;
  if (typeof request.temperature === 'number') body.temperature = request.temperature;
  if (typeof request.top_p === 'number') body.top_p = request.top_p;
  if (typeof request.user === 'string') body.user = request.user;
  if (options.stream) body.stream = true;
  return JSON.stringify(body);
}

function toInputItem(message: ChatMessage): Record<string, unknown> {
  const role = message.role === 'system' || message.role === 'developer' ? 'developer' : message.role;
  const assistant = role === 'assistant';
  const content = message.content;
  if (typeof content === 'string' || content === null || content === undefined) {
    return { role, content: [{ type: assistant ? 'output_text' : 'input_text', text: content ?? '' }] };
  }
  const parts: InputPart[] = content.map((part, index) => {
    if (part.type === 'text' && typeof part.text === 'string') return assistant ? { type: 'output_text', text: part.text } : { type: 'input_text', text: part.text };
    const url = (part as { image_url?: { url?: unknown } }).image_url?.url;
    if (part.type === 'image_url' && typeof url === 'string' && !assistant) return { type: 'input_image', image_url: url };
    throw refuse('messages', `messages content part ${index} of type "${part.type}" is not supported with image output on OpenAI models; use text and image_url parts`);
  });
  return { role, content: parts };
}

function refuse(field: string, message: string): InvalidRequestError {
  return new InvalidRequestError(message, { metadata: { unsupported_field: field } });
}
