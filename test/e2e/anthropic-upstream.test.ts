import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenRouter } from '@openrouter/sdk';
import type { ChatResult, ChatStreamChunk } from '@openrouter/sdk/models';
import { countTextTokens } from '../../sim/shared/count-text-tokens.js';
import { startAnthropicStack, type AnthropicStack } from '../support/start-anthropic-stack.js';

const MODEL = 'anthropic/claude-sim';
/** CLAUDE_SIM_PRICES per token in picodollars (1e-12 USD), for exact hand-computed costs. */
const PICO = {
  prompt: 3_000_000n,
  completion: 15_000_000n,
  cacheRead: 300_000n,
  cacheWrite: 3_750_000n,
};

/** USD as the gateway puts it on the wire, from exact picodollars. */
function usd(pico: bigint): number {
  return Number(`${pico / 1_000_000_000_000n}.${(pico % 1_000_000_000_000n).toString().padStart(12, '0')}`);
}

function handCost(usage: { prompt_tokens: number; completion_tokens: number; cached?: number; written?: number }): number {
  const cached = BigInt(usage.cached ?? 0);
  const written = BigInt(usage.written ?? 0);
  const uncached = BigInt(usage.prompt_tokens) - cached - written;
  return usd(uncached * PICO.prompt + cached * PICO.cacheRead + written * PICO.cacheWrite + BigInt(usage.completion_tokens) * PICO.completion);
}

type SimBody = {
  model: string;
  max_tokens: number;
  system?: Array<{ type: string; text: string; cache_control?: unknown }>;
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
  tools?: Array<{ name: string }>;
  tool_choice?: Record<string, unknown>;
  thinking?: { type: string; budget_tokens: number };
  temperature?: number;
  stream?: boolean;
};

const weather = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] } },
};
const clock = { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } };

describe('Anthropic upstream through the gateway', () => {
  let stack: AnthropicStack;
  let client: OpenAI;
  const lastBody = () => stack.sim.requests.at(-1)?.body as SimBody;

  before(async () => {
    stack = await startAnthropicStack();
    client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
  });
  after(() => stack.close());
  beforeEach(() => stack.sim.reset());

  it('answers a text request with content, native finish reason, usage and the exact cost', async () => {
    const reply = await client.chat.completions.create({
      model: MODEL,
      temperature: 0.3,
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Hello Claude' },
      ],
    });
    assert.equal(reply.choices[0]?.message.content, 'Echo: Hello Claude');
    assert.equal(reply.choices[0]?.finish_reason, 'stop');
    assert.equal((reply.choices[0] as unknown as { native_finish_reason: string }).native_finish_reason, 'end_turn');
    // Both endpoints cost the same, so either may serve; the key sent must be the serving one's.
    const provider = (reply as unknown as { provider: string }).provider;
    assert.ok(provider === 'Anthropic' || provider === 'Anthropic B', provider);
    const usage = reply.usage!;
    assert.equal(usage.completion_tokens, countTextTokens('Echo: Hello Claude'));
    assert.equal((usage as unknown as { cost: number }).cost, handCost(usage));

    const recorded = stack.sim.requests.at(-1)!;
    assert.equal(recorded.path, '/v1/messages');
    assert.equal(recorded.headers['x-api-key'], provider === 'Anthropic' ? 'sk-ant-sim-a' : 'sk-ant-sim-b');
    assert.equal(recorded.headers['anthropic-version'], '2023-06-01');
    const body = lastBody();
    assert.equal(body.model, 'claude-sonnet-4-5');
    assert.equal(body.max_tokens, 8192, "the endpoint's output limit when the client sets none");
    assert.deepEqual(body.system, [{ type: 'text', text: 'Be terse.' }]);
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Hello Claude' }] }]);
    assert.equal(body.temperature, 0.3);
  });

  it('streams text in several chunks and ends with one priced usage chunk', async () => {
    const stream = await client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'one two three four' }] });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, 'Echo: one two three four');
    assert.ok(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length >= 5);
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    assert.equal(finish?.choices[0]?.finish_reason, 'stop');
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage?.completion_tokens, countTextTokens('Echo: one two three four'));
    assert.equal((last.usage as unknown as { cost: number }).cost, handCost(last.usage!));
    assert.equal(lastBody().stream, true);
  });

  it('streams parallel tool calls with their arguments in several deltas, in order', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      stream: true,
      tools: [weather, clock],
      messages: [{ role: 'user', content: 'Weather and time? [[sim:tools=parallel]]' }],
    });
    const deltas: Array<{ index: number; id?: string; name?: string; args?: string }> = [];
    let finishReason: string | null | undefined;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        deltas.push({ index: call.index, id: call.id, name: call.function?.name, args: call.function?.arguments });
      }
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    assert.equal(finishReason, 'tool_calls');
    const starts = deltas.filter((delta) => delta.id);
    assert.deepEqual(starts.map((delta) => [delta.index, delta.name]), [[0, 'get_weather'], [1, 'get_time']]);
    for (const [index, expected] of [[0, { city: 'value', days: 1 }], [1, { zone: 'value' }]] as const) {
      const pieces = deltas.filter((delta) => delta.index === index && !delta.id && delta.args);
      assert.ok(pieces.length >= 3, `call ${index} arrives in ${pieces.length} argument deltas`);
      assert.deepEqual(JSON.parse(pieces.map((delta) => delta.args).join('')), expected);
    }
    // Every argument delta of call 0 comes before call 1 starts: delivered as they arrived.
    const firstOfSecond = deltas.findIndex((delta) => delta.index === 1);
    assert.ok(deltas.slice(firstOfSecond).every((delta) => delta.index === 1));
    assert.deepEqual(lastBody().tools?.map((tool) => tool.name), ['get_weather', 'get_time']);
  });

  it('returns non-streamed tool calls and sends tool results back as tool_result blocks', async () => {
    const first = await client.chat.completions.create({ model: MODEL, tools: [weather], tool_choice: 'required', messages: [{ role: 'user', content: 'Weather?' }] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.ok(call && call.type === 'function');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'value', days: 1 });
    assert.deepEqual(lastBody().tool_choice, { type: 'any' });
    const second = await client.chat.completions.create({
      model: MODEL,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather?' },
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call.id, content: '18C and sunny' },
      ],
    });
    assert.equal(second.choices[0]?.message.content, 'Echo: Weather?');
    assert.deepEqual(lastBody().messages[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C and sunny' }] });
  });

  it('sends image input as Anthropic image blocks (base64 and URL)', async () => {
    const reply = await client.chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    assert.equal(reply.choices[0]?.message.content, 'Echo: What is in these?');
    assert.deepEqual(lastBody().messages[0]?.content, [
      { type: 'text', text: 'What is in these?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it('returns JSON-schema output as message content, streamed and not', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'], additionalProperties: false };
    const response_format = { type: 'json_schema' as const, json_schema: { name: 'person', strict: true, schema } };
    const reply = await client.chat.completions.create({ model: MODEL, response_format, messages: [{ role: 'user', content: 'Invent a person' }] });
    assert.deepEqual(JSON.parse(reply.choices[0]!.message.content!), { name: 'value', age: 1 });
    assert.equal(reply.choices[0]?.finish_reason, 'stop');
    assert.equal(reply.choices[0]?.message.tool_calls, undefined);
    assert.equal(lastBody().tool_choice?.type, 'tool');
    const stream = await client.chat.completions.create({ model: MODEL, stream: true, response_format, messages: [{ role: 'user', content: 'Invent a person' }] });
    let text = '';
    let pieces = 0;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) pieces += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.deepEqual(JSON.parse(text), { name: 'value', age: 1 });
    assert.ok(pieces >= 2);
    assert.equal(finish, 'stop');
  });

  it('returns thinking with its signature and replays it first on the next turn (tools present)', async () => {
    const first = await client.chat.completions.create({
      model: MODEL,
      reasoning_effort: 'medium',
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const message = first.choices[0]!.message as OpenAI.Chat.ChatCompletionMessage & { reasoning?: string; reasoning_details?: Array<Record<string, unknown>> };
    assert.deepEqual(lastBody().thinking, { type: 'enabled', budget_tokens: 4096 });
    assert.ok(message.reasoning?.startsWith('The user said'));
    const detail = message.reasoning_details?.[0];
    assert.equal(detail?.type, 'reasoning.text');
    assert.equal(detail?.format, 'anthropic-claude-v1');
    assert.equal(detail?.text, message.reasoning);
    assert.match(String(detail?.signature), /^Es/);
    const call = message.tool_calls![0]!;
    assert.ok(first.usage!.completion_tokens_details!.reasoning_tokens! > 0);

    const second = await client.chat.completions.create({
      model: MODEL,
      reasoning_effort: 'medium',
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        message as OpenAI.Chat.ChatCompletionAssistantMessageParam,
        { role: 'tool', tool_call_id: call.id, content: '18C' },
      ],
    });
    assert.equal(second.choices[0]?.finish_reason, 'stop', 'the simulator verified the replayed signature');
    const replayed = lastBody().messages[1]!.content;
    assert.deepEqual(replayed[0], { type: 'thinking', thinking: detail?.text, signature: detail?.signature });
    assert.equal(replayed[1]?.type, 'tool_use');
    assert.ok(lastBody().thinking, 'thinking stays on for the tool loop');
  });

  it('streams thinking deltas and a signature a client can send back as they came', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      stream: true,
      reasoning_effort: 'low',
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    });
    let reasoning = '';
    const details: Array<Record<string, unknown>> = [];
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as (OpenAI.Chat.ChatCompletionChunk.Choice.Delta & { reasoning?: string; reasoning_details?: Array<Record<string, unknown>> }) | undefined;
      reasoning += delta?.reasoning ?? '';
      details.push(...(delta?.reasoning_details ?? []));
      for (const call of delta?.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { id: call.id ?? '', name: call.function?.name ?? '', arguments: '' };
        entry.arguments += call.function?.arguments ?? '';
        calls.set(call.index, entry);
      }
    }
    assert.ok(details.length >= 3, 'thinking arrives in several deltas');
    assert.equal(details.at(-1)?.text, undefined);
    assert.match(String(details.at(-1)?.signature), /^Es/);
    const call = calls.get(0)!;
    const second = await client.chat.completions.create({
      model: MODEL,
      reasoning_effort: 'low',
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        { role: 'assistant', content: null, reasoning, reasoning_details: details, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] } as OpenAI.Chat.ChatCompletionAssistantMessageParam,
        { role: 'tool', tool_call_id: call.id, content: '-3C' },
      ],
    });
    assert.equal(second.choices[0]?.message.content, 'Echo: Weather in Oslo?');
    assert.deepEqual(lastBody().messages[1]!.content[0], { type: 'thinking', thinking: reasoning, signature: details.at(-1)?.signature });
  });

  it('reports cache writes then reads and prices each at its own rate', async () => {
    const system = 'You are the support bot of a large manual. '.repeat(40);
    const ask = (question: string) =>
      client.chat.completions.create({
        model: MODEL,
        messages: [
          { role: 'system', content: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } } as OpenAI.Chat.ChatCompletionContentPartText] },
          { role: 'user', content: question },
        ],
      });
    const first = await ask('First question');
    const firstDetails = first.usage!.prompt_tokens_details as { cached_tokens: number; cache_write_tokens: number };
    assert.deepEqual(lastBody().system?.[0]?.cache_control, { type: 'ephemeral' });
    assert.ok(firstDetails.cache_write_tokens > 300);
    assert.equal(firstDetails.cached_tokens, 0);
    assert.equal((first.usage as unknown as { cost: number }).cost, handCost({ ...first.usage!, written: firstDetails.cache_write_tokens }));

    const second = await ask('Second question');
    const details = second.usage!.prompt_tokens_details as { cached_tokens: number; cache_write_tokens: number };
    assert.equal(details.cached_tokens, firstDetails.cache_write_tokens, 'the written prefix is read back');
    assert.equal(details.cache_write_tokens, 0);
    assert.ok(second.usage!.prompt_tokens > details.cached_tokens, 'prompt_tokens includes cached tokens');
    const cost = (second.usage as unknown as { cost: number }).cost;
    assert.equal(cost, handCost({ ...second.usage!, cached: details.cached_tokens }));
    assert.ok(cost < handCost(second.usage!), 'cheaper than the uncached prompt');
  });

  it('fails over to the next endpoint on 529 overloaded', async () => {
    stack.sim.enqueueFault({ status: 529 });
    const order = { provider: { order: ['anthropic', 'anthropic-b'] } };
    const reply = await client.chat.completions.create({ model: MODEL, ...order, messages: [{ role: 'user', content: 'still there?' }] } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
    assert.equal(reply.choices[0]?.message.content, 'Echo: still there?');
    assert.equal((reply as unknown as { provider: string }).provider, 'Anthropic B');
    assert.deepEqual(stack.sim.requests.map((request) => request.headers['x-api-key']), ['sk-ant-sim-a', 'sk-ant-sim-b']);
  });

  it('returns errors in the OpenRouter envelope with the right status', async () => {
    const only = { provider: { only: ['anthropic'] } };
    const limited = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      // Longer than the gateway waits out itself (10 s), so it comes back to the client at once.
      body: JSON.stringify({ model: MODEL, ...only, messages: [{ role: 'user', content: 'hi [[sim:status=429 retry_after=30]]' }] }),
    });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '30');
    const limitedBody = (await limited.json()) as { error: { code: number; metadata: { provider_name: string; raw: { error: { type: string } } } } };
    assert.equal(limitedBody.error.code, 429);
    assert.equal(limitedBody.error.metadata.provider_name, 'Anthropic');
    assert.equal(limitedBody.error.metadata.raw.error.type, 'rate_limit_error');

    await assert.rejects(
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'long [[sim:context=1]]' }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /prompt is too long/.test(error.message),
    );
    assert.equal(stack.sim.requests.length, 2, 'a 400 is not retried on the other endpoint');

    await assert.rejects(
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /audio/.test(error.message),
    );

    const overloaded = await client.chat.completions.create({ model: MODEL, ...only, stream: true, messages: [{ role: 'user', content: 'a b c d e f g [[sim:error_after=4]]' }] } as OpenAI.Chat.ChatCompletionCreateParamsStreaming);
    const chunks: Array<Record<string, unknown>> = [];
    await assert.rejects(async () => {
      for await (const chunk of overloaded) chunks.push(chunk as unknown as Record<string, unknown>);
    }, /Provider returned error|overloaded/i);
    assert.ok(chunks.some((chunk) => (chunk.choices as Array<{ delta?: { content?: string } }>)[0]?.delta?.content), 'text arrived before the error');
  });

  it('serves built-in catalog Claude models through the anthropic preset', async () => {
    const reply = await client.chat.completions.create({ model: 'anthropic/claude-sonnet-4.5', max_tokens: 64, messages: [{ role: 'user', content: 'catalog' }] });
    assert.equal(reply.choices[0]?.message.content, 'Echo: catalog');
    assert.equal(lastBody().model, 'claude-sonnet-4-5');
    assert.equal(lastBody().max_tokens, 64);
  });

  it('works with @openrouter/sdk, streamed and not', async () => {
    const sdk = new OpenRouter({ apiKey: stack.apiKey, serverURL: stack.baseURL, retryConfig: { strategy: 'none' } });
    const result = (await sdk.chat.send({ chatRequest: { model: MODEL, messages: [{ role: 'user', content: 'from openrouter sdk' }] } })) as ChatResult;
    assert.equal(result.choices[0]?.message.content, 'Echo: from openrouter sdk');
    assert.equal(result.usage?.cost, handCost({ prompt_tokens: result.usage!.promptTokens, completion_tokens: result.usage!.completionTokens }));
    const stream = await sdk.chat.send({ chatRequest: { model: MODEL, stream: true, reasoning: { effort: 'low' }, messages: [{ role: 'user', content: 'think then stream' }] } });
    let text = '';
    let reasoning = '';
    let cost: number | undefined;
    for await (const chunk of stream as AsyncIterable<ChatStreamChunk>) {
      text += chunk.choices[0]?.delta.content ?? '';
      reasoning += chunk.choices[0]?.delta.reasoning ?? '';
      if (chunk.usage) cost = chunk.usage.cost as number;
    }
    assert.equal(text, 'Echo: think then stream');
    assert.ok(reasoning.length > 0);
    assert.equal(typeof cost, 'number');
  });
});
