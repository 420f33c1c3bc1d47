import assert from 'node:assert/strict';
import { test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { signSimThinking } from './sign-sim-thinking.js';
import { withAnthropicSimulator as withSim } from './with-anthropic-simulator.js';

const LIMIT = { timeout: 5000 };
const weather: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] },
};
const clock: Anthropic.Tool = { name: 'get_time', input_schema: { type: 'object', properties: { zone: { type: 'string' } } } };

test('a message echoes the last user text with usage; the request is recorded with its headers', LIMIT, async () => {
  await withSim(async (sim, client) => {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: 'Be terse.',
      messages: [{ role: 'user', content: 'Hello there, Claude!' }],
    });
    assert.match(message.id, /^msg_/);
    assert.equal(message.model, 'claude-sonnet-4-5');
    assert.deepEqual(message.content, [{ type: 'text', text: 'Echo: Hello there, Claude!' }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.ok(message.usage.input_tokens > 5);
    assert.equal(message.usage.output_tokens, 7);
    assert.equal(message.usage.cache_read_input_tokens, 0);
    const recorded = sim.requests[0];
    assert.equal(recorded?.path, '/v1/messages');
    // SDK 1.x sends the key as a bearer token; the gateway sends x-api-key. Both are accepted.
    assert.equal(recorded?.headers.authorization, 'Bearer sk-ant-test');
    assert.ok(recorded?.headers['anthropic-version']);
  });
});

test('a stream follows the exact event order and the SDK assembles it', LIMIT, async () => {
  await withSim(async (sim) => {
    const response = await fetch(`${sim.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'one two three' }] }),
    });
    const text = await response.text();
    const events = [...text.matchAll(/^event: (\S+)$/gm)].map((match) => match[1]);
    assert.deepEqual(events, [
      'message_start', 'content_block_start', 'ping',
      'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_delta',
      'content_block_stop', 'message_delta', 'message_stop',
    ]);
    for (const frame of text.trim().split('\n\n')) {
      const [eventLine, dataLine] = frame.split('\n');
      assert.equal(JSON.parse(dataLine!.slice('data: '.length)).type, eventLine!.slice('event: '.length));
    }
  });
  await withSim(async (_sim, client) => {
    const stream = client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'one two three' }] });
    const pieces: string[] = [];
    stream.on('text', (delta) => pieces.push(delta));
    const message = await stream.finalMessage();
    assert.deepEqual(pieces, ['Echo:', ' one', ' two', ' three']);
    assert.equal(message.content.length, 1);
    assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'Echo: one two three');
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.output_tokens, 5, 'o200k tokens of "Echo: one two three"');
  }, { chunkDelayMs: 1 });
});

test('thinking carries a signature the next turn must replay unchanged', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const first = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2000 },
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const [thinking, call] = first.content;
    assert.equal(thinking?.type, 'thinking');
    assert.equal(call?.type, 'tool_use');
    if (thinking?.type !== 'thinking' || call?.type !== 'tool_use') return;
    assert.equal(thinking.signature, signSimThinking(thinking.thinking));
    assert.deepEqual(call.input, { city: 'value', days: 1 });
    assert.ok((first.usage.output_tokens_details?.thinking_tokens ?? 0) > 0);
    const followUp = (content: Anthropic.ContentBlockParam[]) =>
      client.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 2000 },
        tools: [weather],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C' }] },
        ],
      });
    const second = await followUp([thinking, call]);
    assert.equal(second.stop_reason, 'end_turn');
    await assert.rejects(followUp([{ ...thinking, thinking: `${thinking.thinking} (edited)` }, call]), (error: unknown) => error instanceof Anthropic.BadRequestError && /signature/.test(error.message));
    await assert.rejects(followUp([call]), (error: unknown) => error instanceof Anthropic.BadRequestError && /must start with a thinking block/.test(error.message));
  });
});

test('parallel tool calls stream their input in several input_json_delta pieces', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 500,
      tools: [weather, clock],
      messages: [{ role: 'user', content: 'Weather and time? [[sim:tools=parallel]]' }],
    });
    const pieces = new Map<number, string[]>();
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        pieces.set(event.index, [...(pieces.get(event.index) ?? []), event.delta.partial_json]);
      }
    });
    const message = await stream.finalMessage();
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(message.content.map((block) => block.type === 'tool_use' && [block.name, block.input]), [
      ['get_weather', { city: 'value', days: 1 }],
      ['get_time', { zone: 'value' }],
    ]);
    assert.ok((pieces.get(0)?.length ?? 0) >= 3, 'several pieces for the first call');
    assert.equal(pieces.get(0)?.[0], '', 'the first piece is empty, as Anthropic sends it');
    const single = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 500,
      tools: [weather, clock],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'Weather and time? [[sim:tools=parallel]]' }],
    });
    assert.equal(single.content.length, 1);
  });
});

test('tool results must answer the previous turn and come first', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const base = { model: 'claude-sonnet-4-5', max_tokens: 100, tools: [weather] };
    const call: Anthropic.ToolUseBlockParam = { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } };
    const answer = await client.messages.create({
      ...base,
      messages: [{ role: 'user', content: 'Weather?' }, { role: 'assistant', content: [call] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' }] }],
    });
    assert.deepEqual(answer.content, [{ type: 'text', text: 'Echo: Weather?' }]);
    await assert.rejects(
      client.messages.create({
        ...base,
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: [call] },
          { role: 'user', content: [{ type: 'text', text: 'here' }, { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' }] },
        ],
      }),
      Anthropic.BadRequestError,
    );
    await assert.rejects(
      client.messages.create({ ...base, messages: [{ role: 'user', content: 'Weather?' }, { role: 'assistant', content: [call] }, { role: 'user', content: 'no result' }] }),
      /without `tool_result` blocks/,
    );
  });
});

test('prompt caching: the first call writes the cached prefix, the second reads it', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const request: Anthropic.MessageCreateParamsNonStreaming = {
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: [{ type: 'text', text: 'A long manual. '.repeat(50), cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Question one' }],
    };
    const first = await client.messages.create(request);
    assert.ok((first.usage.cache_creation_input_tokens ?? 0) > 100);
    assert.equal(first.usage.cache_read_input_tokens, 0);
    const second = await client.messages.create({ ...request, messages: [{ role: 'user', content: 'Question two' }] });
    assert.equal(second.usage.cache_read_input_tokens, first.usage.cache_creation_input_tokens);
    assert.equal(second.usage.cache_creation_input_tokens, 0);
    const directive = await client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi [[sim:cached=42]]' }] });
    assert.equal(directive.usage.cache_read_input_tokens, 42);
  });
});

test('errors arrive in Anthropic shapes the SDK maps: 529, 429 with retry-after, 400s, 401', LIMIT, async () => {
  await withSim(async (sim, client) => {
    const ask = (content: string) => client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content }] });
    await assert.rejects(ask('[[sim:status=529]]'), (error: unknown) => error instanceof Anthropic.APIError && error.status === 529 && (error.error as { error?: { type?: string } }).error?.type === 'overloaded_error');
    await assert.rejects(ask('[[sim:status=429 retry_after=3]]'), (error: unknown) => error instanceof Anthropic.RateLimitError && error.headers?.get('retry-after') === '3');
    await assert.rejects(ask('[[sim:context=1]]'), (error: unknown) => error instanceof Anthropic.BadRequestError && /prompt is too long/.test(error.message));
    await assert.rejects(client.messages.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming), /max_tokens/);
    await assert.rejects(
      client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }),
      /non-empty/,
    );
    sim.enqueueFault({ status: 500 });
    await assert.rejects(ask('hi'), Anthropic.InternalServerError);
    const post = (headers: Record<string, string>) =>
      fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }) });
    const noKey = await post({ 'anthropic-version': '2023-06-01' });
    assert.equal(noKey.status, 401);
    assert.equal(((await noKey.json()) as { error: { type: string } }).error.type, 'authentication_error');
    const noVersion = await post({ 'x-api-key': 'k' });
    assert.equal(noVersion.status, 400);
    const sampling = { model: 'm', max_tokens: 5, temperature: 0.5, messages: [{ role: 'user' as const, content: 'x' }] };
    await assert.rejects(client.messages.create(sampling), /temperature/, 'API version 2026-10-21 (the SDK default) removed temperature');
    const pinned = await fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(sampling) });
    assert.equal(pinned.status, 200, 'version 2023-06-01 keeps it');
  });
});

test('stream faults: in-band overloaded error, cut and malformed streams make the SDK throw', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const consume = async (content: string) => {
      const stream = client.messages.stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content }] });
      return stream.finalMessage();
    };
    await assert.rejects(consume('a b c d e [[sim:error_after=3]]'), (error: unknown) => error instanceof Anthropic.APIError && /Overloaded/.test(error.message));
    await assert.rejects(consume('a b c d e [[sim:cut_after=3]]'));
    await assert.rejects(consume('a b c d e [[sim:malformed=1]]'));
  });
});

test('count_tokens, models, max_tokens and stop sequences', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const counted = await client.messages.countTokens({ model: 'm', messages: [{ role: 'user', content: 'How many tokens is this?' }] });
    assert.ok(counted.input_tokens > 5);
    const models = await client.models.list();
    assert.ok(models.data.some((model) => model.id === 'claude-sonnet-4-5'));
    const cut = await client.messages.create({ model: 'm', max_tokens: 3, messages: [{ role: 'user', content: 'one two three four five six' }] });
    assert.equal(cut.stop_reason, 'max_tokens');
    assert.equal(cut.usage.output_tokens, 3);
    const stopped = await client.messages.create({ model: 'm', max_tokens: 50, stop_sequences: ['three'], messages: [{ role: 'user', content: 'one two three four' }] });
    assert.equal(stopped.stop_reason, 'stop_sequence');
    assert.equal(stopped.stop_sequence, 'three');
    assert.deepEqual(stopped.content, [{ type: 'text', text: 'Echo: one two ' }]);
  });
});

test('mid-conversation system turns are accepted where Anthropic places them and refused elsewhere', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const ask = (messages: Anthropic.MessageParam[]) => client.messages.create({ model: 'claude-opus-4-8', max_tokens: 50, messages });
    const message = await ask([
      { role: 'user', content: 'first' },
      { role: 'system', content: 'from now on be brief' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'second' },
      { role: 'system', content: [{ type: 'text', text: 'reminder' }] },
    ]);
    assert.deepEqual(message.content, [{ type: 'text', text: 'Echo: second' }]);
    const refused = (messages: Anthropic.MessageParam[], pattern: RegExp) =>
      assert.rejects(ask(messages), (error: unknown) => error instanceof Anthropic.BadRequestError && pattern.test(error.message));
    await refused([{ role: 'system', content: 'x' }, { role: 'user', content: 'y' }], /first message cannot be a system message/);
    await refused([{ role: 'user', content: 'y' }, { role: 'system', content: 'a' }, { role: 'system', content: 'b' }], /consecutive system messages/);
    await refused([{ role: 'user', content: 'y' }, { role: 'system', content: 'a' }, { role: 'user', content: 'z' }], /last message or be followed by an assistant turn/);
    await refused([{ role: 'user', content: 'y' }, { role: 'assistant', content: 'a' }, { role: 'system', content: 'b' }], /right after a user turn/);
  });
});
