import { buildEchoText } from '../shared/build-echo-text.js';
import { countTextTokens } from '../shared/count-text-tokens.js';
import { renderSimPng } from '../shared/render-sim-png.js';
import { splitIntoWordPieces } from '../shared/split-into-word-pieces.js';
import { makeOpenAIError } from './openai-error-body.js';
import type { SimRequestContext } from './openai-sim-types.js';
import { sendJsonReply } from './send-json-reply.js';
import { sendSseFrames } from './send-sse-frames.js';

/** gpt-image output tokens per size at medium quality (OpenAI's published table). */
const IMAGE_TOKENS: Record<string, number> = { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1584 };
/** Pixel sizes of the simulated PNG per requested size (1/16 scale). */
const PIXELS: Record<string, [number, number]> = { '1024x1024': [64, 64], '1024x1536': [64, 96], '1536x1024': [96, 64] };

type Item = Record<string, unknown>;

/** The prompt of a Responses `input`: a string, or the text parts of the last user message. */
export function readResponsesPrompt(body: Record<string, unknown>): string {
  const input = body.input;
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  for (let index = input.length - 1; index >= 0; index--) {
    const item = input[index] as Item | null;
    if (item?.role !== 'user') continue;
    if (typeof item.content === 'string') return item.content;
    return (Array.isArray(item.content) ? (item.content as Item[]) : []).map((part) => (typeof part.text === 'string' ? part.text : '')).filter(Boolean).join('\n');
  }
  return '';
}

/**
 * `POST /v1/responses` with the hosted `image_generation` tool, as OpenAI serves image output to
 * GPT-5 models: the reply is an `image_generation_call` item (base64 PNG `result`, sized per the
 * tool's `size`) and a message item echoing the prompt; `usage` counts the model's own tokens and
 * `tool_usage.image_gen` the image model's. Streams emit OpenAI's event sequence with
 * `sequence_number`s. Only image requests are served here (no `image_generation` tool → 400).
 * @see https://platform.openai.com/docs/guides/tools-image-generation
 */
export async function handleResponsesImage(ctx: SimRequestContext): Promise<void> {
  const { res, body } = ctx;
  const tools = (Array.isArray(body.tools) ? body.tools : []) as Item[];
  const tool = tools.find((entry) => entry.type === 'image_generation');
  if (!tool) {
    const error = makeOpenAIError(400, 'This simulator serves /v1/responses only with the image_generation tool.', 'invalid_request_error', 'tools', null);
    return sendJsonReply(res, error.status, error.body);
  }
  const size = typeof tool.size === 'string' && tool.size !== 'auto' ? tool.size : '1024x1024';
  if (!IMAGE_TOKENS[size]) {
    const error = makeOpenAIError(400, `Invalid value: '${size}'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.`, 'invalid_request_error', 'tools[0].size', 'invalid_value');
    return sendJsonReply(res, error.status, error.body);
  }
  const model = typeof body.model === 'string' ? body.model : 'gpt-5';
  const prompt = ctx.prompt || readResponsesPrompt(body);
  const text = buildEchoText(prompt, ctx.fault.words);
  const [width, height] = PIXELS[size] as [number, number];
  const id = `resp_sim${String(ctx.seq).padStart(8, '0')}`;
  const imageItem = { id: `ig_sim${ctx.seq}`, type: 'image_generation_call', status: 'completed', result: renderSimPng({ width, height }), output_format: 'png', size, quality: 'medium', background: 'opaque', revised_prompt: prompt };
  const messageItem = { id: `msg_sim${ctx.seq}`, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
  const inputTokens = Math.max(countTextTokens(JSON.stringify(body.input ?? '')), 1);
  const outputTokens = countTextTokens(text) + 40; // the tool call's own tokens come on top of the text
  const usage = { input_tokens: inputTokens, input_tokens_details: { cached_tokens: 0 }, output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: inputTokens + outputTokens };
  const toolUsage = {
    image_gen: {
      input_tokens: countTextTokens(prompt) + 10,
      input_tokens_details: { text_tokens: countTextTokens(prompt) + 10, image_tokens: 0 },
      output_tokens: IMAGE_TOKENS[size],
      total_tokens: countTextTokens(prompt) + 10 + (IMAGE_TOKENS[size] as number),
    },
  };
  const response = (status: string, output: Item[], done: boolean) => ({
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    model,
    output,
    tools,
    parallel_tool_calls: true,
    usage: done ? usage : null,
    ...(done ? { tool_usage: toolUsage } : {}),
    error: null,
    incomplete_details: null,
  });
  if (body.stream !== true) return sendJsonReply(res, 200, response('completed', [imageItem, messageItem], true));

  let sequence = 0;
  const frames: string[] = [];
  const event = (type: string, fields: Record<string, unknown>) => frames.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`);
  event('response.created', { response: response('in_progress', [], false) });
  event('response.in_progress', { response: response('in_progress', [], false) });
  const pending = { ...imageItem, status: 'in_progress', result: null };
  event('response.output_item.added', { output_index: 0, item: pending });
  event('response.image_generation_call.in_progress', { output_index: 0, item_id: imageItem.id });
  event('response.image_generation_call.generating', { output_index: 0, item_id: imageItem.id });
  event('response.image_generation_call.completed', { output_index: 0, item_id: imageItem.id });
  event('response.output_item.done', { output_index: 0, item: imageItem });
  event('response.output_item.added', { output_index: 1, item: { ...messageItem, status: 'in_progress', content: [] } });
  event('response.content_part.added', { output_index: 1, item_id: messageItem.id, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
  for (const piece of splitIntoWordPieces(text)) event('response.output_text.delta', { output_index: 1, item_id: messageItem.id, content_index: 0, delta: piece, logprobs: [] });
  event('response.output_text.done', { output_index: 1, item_id: messageItem.id, content_index: 0, text, logprobs: [] });
  event('response.content_part.done', { output_index: 1, item_id: messageItem.id, content_index: 0, part: { type: 'output_text', text, annotations: [] } });
  event('response.output_item.done', { output_index: 1, item: messageItem });
  event('response.completed', { response: response('completed', [imageItem, messageItem], true) });
  await sendSseFrames(ctx, frames);
}
