import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost as costOf } from '../support/expected-cost.js';

/** Hand-computed cost in USD: exact decimal arithmetic on integer picodollars. */
const expectedCost = (prompt: number, completion: number, cached = 0) => costOf({ prompt, completion, cacheRead: cached }, ECHO_PRICES);

describe('openai SDK against Switchyard', () => {
  let stack: TestStack;
  let client: OpenAI;
  before(async () => {
    stack = await startTestStack();
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(() => stack.close());

  it('returns a chat completion in OpenRouter shape with exact cost', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'sim/echo', messages: [{ role: 'user', content: 'Say hi to the gateway' }] })
      .withResponse();
    assert.match(data.id, /^gen-\d+-[A-Za-z0-9]{20}$/);
    assert.equal(response.headers.get('x-generation-id'), data.id);
    assert.equal(data.model, 'sim/echo');
    assert.equal((data as unknown as { provider: string }).provider, 'Sim A');
    assert.equal(data.choices[0]?.message.content, 'Echo: Say hi to the gateway');
    assert.equal(data.choices[0]?.finish_reason, 'stop');
    assert.equal((data.choices[0] as unknown as { native_finish_reason: string }).native_finish_reason, 'stop');
    const usage = data.usage as OpenAI.CompletionUsage & { cost: number; is_byok: boolean };
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.equal(usage.cost, expectedCost(usage.prompt_tokens, usage.completion_tokens));
    assert.equal(usage.is_byok, false);
    const upstream = stack.sim.requests.at(-1)?.body as Record<string, unknown>;
    assert.equal(upstream.model, 'echo-1');
    assert.equal(stack.sim.requests.at(-1)?.headers.authorization, 'Bearer sk-sim-a');
  });

  it('prices cached prompt tokens at the cache-read rate', async () => {
    const data = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'cached please [[sim:cached=5]]' }] });
    const usage = data.usage as OpenAI.CompletionUsage & { cost: number };
    assert.equal(usage.prompt_tokens_details?.cached_tokens, 5);
    assert.equal(usage.cost, expectedCost(usage.prompt_tokens, usage.completion_tokens, 5));
  });

  it('counts tokens itself and still bills when the upstream reports no usage, streamed or not', async () => {
    const content = 'no usage from upstream here [[sim:no_usage=1]]';
    const plain = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content }] });
    const usage = plain.usage as OpenAI.CompletionUsage & { cost: number };
    assert.equal(plain.choices[0]?.message.content, 'Echo: no usage from upstream here');
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0, 'estimated with the tokenizer, not zero');
    assert.equal(usage.cost, expectedCost(usage.prompt_tokens, usage.completion_tokens));
    const stream = await client.chat.completions.create({ model: 'sim/echo', stream: true, messages: [{ role: 'user', content }] });
    let streamed: (OpenAI.CompletionUsage & { cost: number }) | undefined;
    for await (const chunk of stream) if (chunk.usage) streamed = chunk.usage as OpenAI.CompletionUsage & { cost: number };
    assert.equal(streamed?.prompt_tokens, usage.prompt_tokens, 'both paths count the same prompt the same way');
    assert.equal(streamed?.completion_tokens, usage.completion_tokens);
    assert.equal(streamed?.cost, usage.cost);
  });

  it('streams deltas, then one usage chunk, with the generation id on every chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'sim/echo',
      stream: true,
      messages: [{ role: 'user', content: 'stream these five words please' }],
    });
    let text = '';
    const ids = new Set<string>();
    let usageChunks = 0;
    let finish: string | null = null;
    let cost = -1;
    for await (const chunk of stream) {
      ids.add(chunk.id);
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) {
        usageChunks += 1;
        assert.equal(chunk.choices.length, 0);
        cost = (chunk.usage as unknown as { cost: number }).cost;
        assert.equal(cost, expectedCost(chunk.usage.prompt_tokens, chunk.usage.completion_tokens));
      }
    }
    assert.equal(text, 'Echo: stream these five words please');
    assert.equal(ids.size, 1);
    assert.match([...ids][0] as string, /^gen-/);
    assert.equal(usageChunks, 1);
    assert.equal(finish, 'stop');
    assert.ok(cost > 0);
    const upstream = stack.sim.requests.at(-1)?.body as { stream_options?: { include_usage?: boolean } };
    assert.equal(upstream.stream_options?.include_usage, true);
  });

  it('streams parallel tool calls with argument deltas that reassemble to valid JSON', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
      { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' }, hour: { type: 'number' } } } } },
    ];
    const stream = await client.chat.completions.create({
      model: 'sim/echo',
      stream: true,
      tools,
      messages: [{ role: 'user', content: 'weather and time [[sim:tools=parallel]]' }],
    });
    const calls = new Map<number, { name: string; args: string; deltas: number }>();
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { name: '', args: '', deltas: 0 };
        entry.name += call.function?.name ?? '';
        if (call.function?.arguments) {
          entry.args += call.function.arguments;
          entry.deltas += 1;
        }
        calls.set(call.index, entry);
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(finish, 'tool_calls');
    assert.deepEqual([...calls.values()].map((call) => call.name), ['get_weather', 'get_time']);
    for (const call of calls.values()) {
      assert.ok(call.deltas > 1, 'arguments arrive in several deltas, not one burst');
      assert.equal(typeof JSON.parse(call.args), 'object');
    }
  });

  it('returns non-streamed tool calls', async () => {
    const data = await client.chat.completions.create({
      model: 'sim/echo',
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      messages: [{ role: 'user', content: 'find it' }],
    });
    const call = data.choices[0]?.message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    assert.equal(call.function.name, 'lookup');
    assert.deepEqual(JSON.parse(call.function.arguments), { q: 'value' });
    assert.equal(data.choices[0]?.finish_reason, 'tool_calls');
  });

  it('serves a built-in catalog model at its catalog price', async () => {
    const data = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(data.model, 'openai/gpt-4o-mini');
    assert.equal((data as unknown as { provider: string }).provider, 'OpenAI');
    const usage = data.usage as OpenAI.CompletionUsage & { cost: number };
    const pico = BigInt(usage.prompt_tokens) * 150_000n + BigInt(usage.completion_tokens) * 600_000n;
    assert.equal(usage.cost, Number(pico) / 1e12);
    assert.equal((stack.sim.requests.at(-1)?.body as { model: string }).model, 'gpt-4o-mini');
  });

  it('answers legacy completions, streamed and not', async () => {
    const completion = await client.completions.create({ model: 'sim/echo', prompt: 'complete me' });
    assert.equal(completion.choices[0]?.text, 'Echo: complete me');
    assert.equal(completion.object, 'text_completion');
    const stream = await client.completions.create({ model: 'sim/echo', prompt: 'complete me too', stream: true });
    let text = '';
    let usageSeen = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      if (chunk.usage) usageSeen = true;
    }
    assert.equal(text, 'Echo: complete me too');
    assert.ok(usageSeen);
  });

  it('fails over to the next endpoint on a 5xx before the first byte', async () => {
    stack.sim.enqueueFault({ status: 500 });
    const data = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'survive this' }] });
    assert.equal((data as unknown as { provider: string }).provider, 'Sim B');
    assert.equal(data.choices[0]?.message.content, 'Echo: survive this');
  });

  it('surfaces provider errors with the SDK error classes and OpenRouter metadata', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'x [[sim:status=429 retry_after=7]]' }] }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.RateLimitError);
        assert.equal(error.status, 429);
        assert.equal(error.headers?.get('retry-after'), '7');
        return true;
      },
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'x [[sim:context=1]]' }] }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.BadRequestError);
        assert.match(error.message, /maximum context length/);
        return true;
      },
    );
    await assert.rejects(
      client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'x [[sim:malformed=1]]' }] }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError);
        assert.equal(error.status, 502);
        const metadata = (error.error as { metadata?: { provider_name?: string } }).metadata;
        assert.equal(metadata?.provider_name, 'Sim B');
        return true;
      },
    );
  });

  it('rejects an unknown model with a 400 naming it', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'nope/missing', messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.match(error.message, /nope\/missing is not a valid model ID/);
      return true;
    });
  });

  it('falls back to the next model in `models`, even on a context-length error', async () => {
    stack.sim.enqueueFault({ context: true });
    const before = stack.sim.requests.length;
    const data = await client.chat.completions.create({
      model: 'sim/echo',
      messages: [{ role: 'user', content: 'too long for echo' }],
      // @ts-expect-error OpenRouter extension
      models: ['openai/gpt-4o-mini'],
    });
    assert.equal(data.model, 'openai/gpt-4o-mini');
    // The context error is not retried on echo's second endpoint: it moves to the next model.
    assert.equal(stack.sim.requests.length - before, 2);
  });

  it('lists models with OpenRouter fields and filters them', async () => {
    const page = await client.models.list();
    const ids = page.data.map((model) => model.id);
    assert.ok(ids.includes('sim/echo'));
    assert.ok(ids.includes('openai/gpt-4o-mini'));
    const response = await fetch(`${stack.baseURL}/models?supported_parameters=tools&q=gpt-4o-mini`);
    const body = (await response.json()) as { data: Array<{ id: string; pricing: { prompt: string }; supported_parameters: string[] }> };
    assert.ok(body.data.length >= 1);
    for (const model of body.data) {
      assert.ok(model.supported_parameters.includes('tools'));
      assert.match(model.id, /gpt-4o-mini/);
    }
    const endpoints = await fetch(`${stack.baseURL}/models/openai/gpt-4o-mini/endpoints`);
    const detail = (await endpoints.json()) as { data: { endpoints: Array<{ tag: string; pricing: { prompt: string } }> } };
    assert.equal(detail.data.endpoints[0]?.tag, 'openai');
    assert.equal(detail.data.endpoints[0]?.pricing.prompt, '0.00000015');
  });
});
