import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import { openAIImageAdapter } from './openai-image-adapter.js';

const provider = { id: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-test', headers: {} } as unknown as Provider;
const event = (data: unknown) => ({ event: undefined, data: JSON.stringify(data) }) as never;
const completed = {
  id: 'resp_1',
  status: 'completed',
  output: [
    { type: 'image_generation_call', id: 'ig_1', status: 'completed', result: 'UE5H', output_format: 'webp' },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
  ],
  usage: { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 10 } },
  tool_usage: { image_gen: { input_tokens: 15, output_tokens: 1056 } },
};

describe('OpenAI image output over the Responses API', () => {
  it('posts to /responses with the forced image tool and no chat-only fields', async () => {
    const call = await openAIImageAdapter.buildCall({ request: { messages: [{ role: 'user', content: [{ type: 'text', text: 'draw' }, { type: 'image_url', image_url: { url: 'https://x/a.png' } }] }], modalities: ['image', 'text'] }, provider, upstreamModel: 'gpt-5', stream: false });
    assert.equal(call.url, 'https://api.openai.com/v1/responses');
    assert.equal(call.headers.authorization, 'Bearer sk-test');
    const body = JSON.parse(call.body) as Record<string, unknown>;
    assert.deepEqual(body.input, [{ role: 'user', content: [{ type: 'input_text', text: 'draw' }, { type: 'input_image', image_url: 'https://x/a.png' }] }]);
    assert.deepEqual(body.tools, [{ type: 'image_generation', output_format: 'png' }]);
    assert.equal(body.modalities, undefined);
    assert.equal(body.stream, undefined);
  });

  it('refuses function tools and an aspect ratio OpenAI has no size for', async () => {
    const base = { messages: [{ role: 'user' as const, content: 'x' }], modalities: ['image'] };
    await assert.rejects(async () => openAIImageAdapter.buildCall({ request: { ...base, tools: [{ type: 'function', function: { name: 'f' } }] }, provider, upstreamModel: 'gpt-5', stream: false }), InvalidRequestError);
    await assert.rejects(async () => openAIImageAdapter.buildCall({ request: { ...base, image_config: { aspect_ratio: '21:9' } }, provider, upstreamModel: 'gpt-5', stream: false }), /21:9/);
  });

  it('reads images, text and usage with the image tool tokens', () => {
    const result = openAIImageAdapter.readResult(JSON.stringify(completed), provider);
    assert.equal(result.choices[0]?.message.content, 'Done.');
    assert.deepEqual(result.choices[0]?.message.images, [{ type: 'image_url', image_url: { url: 'data:image/webp;base64,UE5H' } }]);
    assert.deepEqual(result.tokens, { promptTokens: 35, completionTokens: 1086, cachedReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 10, completionImageTokens: 1056 });
    assert.equal(result.choices[0]?.finishReason, 'stop');
  });

  it('decodes a stream: text deltas, one image per finished call, finish and usage at response.completed', () => {
    const decoder = openAIImageAdapter.createStreamDecoder(provider);
    const all = [
      event({ type: 'response.created', sequence_number: 0, response: { id: 'resp_1', status: 'in_progress', output: [] } }),
      event({ type: 'response.image_generation_call.partial_image', sequence_number: 1, partial_image_b64: 'UA==' }),
      event({ type: 'response.output_item.done', sequence_number: 2, item: completed.output[0] }),
      event({ type: 'response.output_text.delta', sequence_number: 3, delta: 'Done.' }),
      event({ type: 'response.completed', sequence_number: 4, response: completed }),
    ].map((e) => decoder.decode(e));
    const parts = all.flatMap((decoded) => decoded.parts);
    assert.deepEqual(parts.map((part) => part.type), ['response-start', 'image', 'text-delta', 'finish', 'usage']);
    assert.equal(all.at(-1)?.done, true);
  });

  it('turns a failed response and a truncated stream into upstream errors', () => {
    const decoder = openAIImageAdapter.createStreamDecoder(provider);
    assert.throws(() => decoder.decode(event({ type: 'response.failed', response: { status: 'failed', error: { message: 'moderation_blocked' } } })), UpstreamError);
    const cut = openAIImageAdapter.createStreamDecoder(provider);
    cut.decode(event({ type: 'response.created', response: { id: 'r' } }));
    assert.throws(() => cut.end?.(), UpstreamError);
  });
});
