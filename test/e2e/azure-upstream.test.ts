import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost as costOf } from '../support/expected-cost.js';

type Usage = OpenAI.CompletionUsage & { cost: number };

const MODEL = 'sim/azure-gpt';
const DEPLOYMENT = 'gpt-4o-prod';
const API_VERSION = '2025-01-01-preview';
const PRICES = { prompt: '0.0000025', completion: '0.00001' } as const;

/** Exact cost in USD from integer picodollars, as the gateway computes it. */
const expectedCost = (prompt: number, completion: number) => costOf({ prompt, completion }, PRICES);

describe('openai SDK → Switchyard → Azure OpenAI (simulator in Azure mode)', () => {
  let stack: TestStack;
  let client: OpenAI;
  before(async () => {
    stack = await startTestStack({
      config: (simUrl) => ({
        providers: [{ id: 'azure', base_url: simUrl.replace(/\/v1$/, ''), api_key: 'azure-sim-key', azure: { api_version: API_VERSION } }],
        models: [{ id: MODEL, name: 'Sim: Azure GPT', context_length: 128000, endpoints: [{ provider: 'azure', model: DEPLOYMENT, pricing: PRICES }] }],
      }),
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  beforeEach(() => stack.sim.reset());
  after(() => stack.close());

  it('sends the deployment URL with api-version and the api-key header; text comes back with exact cost', async () => {
    const data = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hello Azure' }] });
    assert.equal(data.choices[0]?.message.content, 'Echo: Hello Azure');
    assert.equal(data.model, MODEL);
    assert.equal((data as unknown as { provider: string }).provider, 'Azure');
    const usage = data.usage as Usage;
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.cost, expectedCost(usage.prompt_tokens, usage.completion_tokens));
    const seen = stack.sim.requests.at(-1);
    assert.equal(seen?.path, `/openai/deployments/${DEPLOYMENT}/chat/completions`);
    assert.equal(seen?.query, `api-version=${API_VERSION}`);
    assert.equal(seen?.headers['api-key'], 'azure-sim-key');
    assert.equal(seen?.headers.authorization, undefined);
    const generation = await fetch(`${stack.baseURL}/generation?id=${data.id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    assert.equal(generation.status, 200);
  });

  it('streams past the prompt_filter_results chunk with the upstream id, one priced usage chunk', async () => {
    const stream = await client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'stream five words please now' }] });
    let text = '';
    let usage: Usage | undefined;
    let finish: string | null = null;
    const ids = new Set<string>();
    for await (const chunk of stream) {
      ids.add(chunk.id);
      assert.notEqual(chunk.id, '', 'the empty-id filter chunk is not relayed');
      assert.equal(chunk.model, MODEL);
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage as Usage;
    }
    assert.equal(text, 'Echo: stream five words please now');
    assert.equal(finish, 'stop');
    assert.equal(ids.size, 1);
    assert.ok(usage && usage.completion_tokens > 0);
    assert.equal(usage.cost, expectedCost(usage.prompt_tokens, usage.completion_tokens));
    const seen = stack.sim.requests.at(-1);
    assert.equal(seen?.headers['api-key'], 'azure-sim-key');
    assert.equal((seen?.body as { stream_options?: unknown }).stream_options !== undefined, true);
  });

  it('relays tool calls, streamed and not', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
    ];
    const data = await client.chat.completions.create({ model: MODEL, tools, tool_choice: 'required', messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    const call = data.choices[0]?.message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall | undefined;
    assert.equal(data.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(call?.function.name, 'get_weather');
    assert.equal(typeof JSON.parse(call?.function.arguments ?? '').city, 'string');

    const stream = await client.chat.completions.create({ model: MODEL, tools, tool_choice: 'required', stream: true, messages: [{ role: 'user', content: 'Weather?' }] });
    let args = '';
    let name = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.tool_calls?.[0];
      name += delta?.function?.name ?? '';
      args += delta?.function?.arguments ?? '';
    }
    assert.equal(name, 'get_weather');
    assert.equal(JSON.parse(args).city, JSON.parse(call?.function.arguments ?? '').city);
  });

  it("maps Azure's prompt content filter 400 to a 400 envelope with the filtered categories, not retried", async () => {
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'bad idea [[sim:content_filter=1]]' }] }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: number; message: string; metadata: Record<string, unknown> } };
    assert.equal(body.error.code, 400);
    assert.match(body.error.message, /content management policy/);
    assert.equal(body.error.metadata.error_type, 'invalid_prompt');
    assert.equal(body.error.metadata.provider_code, 'content_filter');
    assert.equal(body.error.metadata.provider_name, 'Azure');
    assert.deepEqual(body.error.metadata.reasons, ['jailbreak']);
    assert.ok(body.error.metadata.raw);
    assert.equal(stack.sim.requests.length, 1, 'not retried');

    await assert.rejects(
      client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'again [[sim:content_filter=1]]' }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.status === 400,
    );
  });

  it('maps finish_reason content_filter, streamed and not, keeping the native reason', async () => {
    const data = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'risky [[sim:finish=content_filter]]' }] });
    assert.equal(data.choices[0]?.finish_reason, 'content_filter');
    assert.equal((data.choices[0] as unknown as { native_finish_reason: string }).native_finish_reason, 'content_filter');

    const stream = await client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'risky [[sim:finish=content_filter]]' }] });
    let finish: string | null = null;
    let native: string | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0] as (OpenAI.ChatCompletionChunk.Choice & { native_finish_reason?: string }) | undefined;
      if (choice?.finish_reason) {
        finish = choice.finish_reason;
        native = choice.native_finish_reason;
      }
    }
    assert.equal(finish, 'content_filter');
    assert.equal(native, 'content_filter');
  });
});
