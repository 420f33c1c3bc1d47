import type { WireAdapter } from '../wire-adapter.js';
import { openAIChatAdapter } from './openai-chat-adapter.js';
import { fromOpenAIImageResponse } from './from-openai-image-response.js';
import { createOpenAIImageStreamDecoder } from './openai-image-stream.js';
import { toOpenAIImageRequest } from './to-openai-image-request.js';

/**
 * OpenAI image output: chat requests with `modalities` containing "image" go to `POST /responses`
 * with the hosted `image_generation` tool (OpenAI serves images to GPT-5 models there, not in chat
 * completions) and come back as canonical text and images. Errors read as chat errors (same
 * envelope). start-gateway.ts offers it as the OpenAI protocol's `imageOutputFor` (not for
 * OpenRouter upstreams, whose chat completions take `modalities` themselves).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export const openAIImageAdapter: WireAdapter = {
  relaysOpenAIFrames: false,

  buildCall({ request, provider, upstreamModel, stream }) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
    if (provider.apiKey) headers.authorization = `Bearer ${provider.apiKey}`;
    if (stream) headers.accept = 'text/event-stream';
    return { url: `${provider.baseUrl}/responses`, headers, body: toOpenAIImageRequest({ request, upstreamModel, stream }) };
  },

  readResult: (bodyText, provider) => fromOpenAIImageResponse(bodyText, provider.name),
  readError: (options) => openAIChatAdapter.readError(options),
  createStreamDecoder: createOpenAIImageStreamDecoder,
};
