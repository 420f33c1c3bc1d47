import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';
import { withOpenAISimulator as withSim } from './with-openai-simulator.js';

const LIMIT = { timeout: 5000 };

const weatherTools: OpenAI.Chat.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, days: { type: 'integer' }, unit: { type: 'string', enum: ['c', 'f'] } },
        required: ['city'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'get_time',
      parameters: { type: 'object', properties: { zone: { type: 'string' }, precise: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } } } },
    },
  },
];

test('non-stream tool call follows a named tool_choice', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const reply = await client.chat.completions.create({
      model: 'm',
      tools: weatherTools,
      tool_choice: { type: 'function', function: { name: 'get_time' } },
      messages: [{ role: 'user', content: 'what time is it?' }],
    });
    const message = reply.choices[0]!.message;
    assert.equal(message.content, null);
    assert.equal(reply.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(message.tool_calls?.length, 1);
    const call = message.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    assert.equal(call.function.name, 'get_time');
    assert.deepEqual(JSON.parse(call.function.arguments), { zone: 'value', precise: true, tags: ['value'] });
  });
});

test('streamed parallel tool calls reassemble into valid JSON per index', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const stream = await client.chat.completions.create({
      model: 'm',
      stream: true,
      tools: weatherTools,
      messages: [{ role: 'user', content: 'weather and time [[sim:tools=parallel]]' }],
    });
    const calls: Array<{ id?: string; name?: string; args: string }> = [];
    const order: number[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        order.push(delta.index);
        const slot = (calls[delta.index] ??= { args: '' });
        if (delta.id) slot.id = delta.id;
        if (delta.function?.name) slot.name = delta.function.name;
        slot.args += delta.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(finish, 'tool_calls');
    assert.equal(calls.length, 2);
    assert.deepEqual(JSON.parse(calls[0]!.args), { city: 'value', days: 1, unit: 'c' });
    assert.deepEqual(JSON.parse(calls[1]!.args), { zone: 'value', precise: true, tags: ['value'] });
    assert.deepEqual([calls[0]!.name, calls[1]!.name], ['get_weather', 'get_time']);
    assert.ok(calls[0]!.id && calls[1]!.id && calls[0]!.id !== calls[1]!.id);
    assert.ok(order.filter((i) => i === 0).length > 3, 'arguments arrive in several fragments');
    assert.ok(order.join('').includes('0101'), 'fragments of the two calls interleave');
  });
});

test('after a tool result an auto model answers in text', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const reply = await client.chat.completions.create({
      model: 'm',
      tools: weatherTools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '18C' },
      ],
    });
    assert.equal(reply.choices[0]?.message.content, 'Echo: weather?');
    await assert.rejects(
      client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'nope', content: 'y' }] }),
      (err: unknown) => err instanceof OpenAI.BadRequestError,
    );
  });
});
