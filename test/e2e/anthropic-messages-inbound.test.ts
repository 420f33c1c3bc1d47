import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { checkAnthropicEventOrder, readAnthropicEvents } from '../support/read-anthropic-events.js';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost as costOf } from '../support/expected-cost.js';

/** Hand-computed cost in USD from the endpoint's prices, on integer picodollars. */
const expectedCost = (prompt: number, completion: number, cached = 0) => costOf({ prompt, completion, cacheRead: cached }, ECHO_PRICES);

type PricedUsage = Anthropic.Usage & { cost: number };

const weather: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] },
};
const time: Anthropic.Tool = { name: 'get_time', input_schema: { type: 'object', properties: { zone: { type: 'string' } } } };

describe('Anthropic SDK against /api/v1/messages', () => {
  let stack: TestStack;
  let client: Anthropic;
  let root: string;
  before(async () => {
    stack = await startTestStack({
      extraModels: [
        // Overrides the built-in entry so a bare Anthropic id can be served by the simulator.
        { id: 'anthropic/claude-sonnet-4', name: 'Claude Sonnet 4 (sim)', context_length: 200000, endpoints: [{ provider: 'sim-a', model: 'claude-on-sim', pricing: ECHO_PRICES }] },
      ],
    });
    root = stack.baseURL.replace(/\/v1$/, '');
    client = new Anthropic({ authToken: stack.apiKey, baseURL: root, maxRetries: 0 });
  });
  after(() => stack.close());

  const lastUpstreamBody = () => stack.sim.requests.at(-1)?.body as Record<string, unknown>;

  it('answers with a message object: generation id, content, stop reason, usage and exact cost', async () => {
    const { data, response } = await client.messages
      .create({ model: 'sim/echo', max_tokens: 200, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello from Claude land' }] })
      .withResponse();
    assert.match(data.id, /^gen-\d+-[A-Za-z0-9]{20}$/);
    assert.equal(response.headers.get('x-generation-id'), data.id);
    assert.equal(data.type, 'message');
    assert.equal(data.role, 'assistant');
    assert.equal(data.model, 'sim/echo');
    assert.deepEqual(data.content, [{ type: 'text', text: 'Echo: Hello from Claude land' }]);
    assert.equal(data.stop_reason, 'end_turn');
    assert.equal(data.stop_sequence, null);
    const usage = data.usage as PricedUsage;
    assert.ok(usage.input_tokens > 0 && usage.output_tokens > 0);
    assert.equal(usage.cache_read_input_tokens, 0);
    assert.equal(usage.cost, expectedCost(usage.input_tokens, usage.output_tokens));
    const upstream = lastUpstreamBody();
    assert.deepEqual((upstream.messages as unknown[])[0], { role: 'system', content: 'Be brief.' });
    assert.equal(upstream.max_tokens, 200);
  });

  it('accepts x-api-key with anthropic-version, as the SDK sends for apiKey in older releases and curl users do', async () => {
    const response = await fetch(`${root}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': stack.apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', max_tokens: 50, messages: [{ role: 'user', content: 'key header' }] }),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Anthropic.Message;
    assert.deepEqual(body.content, [{ type: 'text', text: 'Echo: key header', citations: undefined }].map(({ type, text }) => ({ type, text })));
    const withApiKey = new Anthropic({ apiKey: stack.apiKey, baseURL: root, maxRetries: 0 });
    const message = await withApiKey.messages.create({ model: 'sim/echo', max_tokens: 50, messages: [{ role: 'user', content: 'sdk apiKey' }] });
    assert.equal((message.content[0] as Anthropic.TextBlock).text, 'Echo: sdk apiKey');
  });

  it('maps bare Anthropic model ids to catalog ids (claude-sonnet-4-20250514 → anthropic/claude-sonnet-4)', async () => {
    const message = await client.messages.create({ model: 'claude-sonnet-4-20250514', max_tokens: 50, messages: [{ role: 'user', content: 'bare id' }] });
    assert.equal(message.model, 'anthropic/claude-sonnet-4');
    assert.equal(lastUpstreamBody().model, 'claude-on-sim');
    await assert.rejects(
      client.messages.create({ model: 'claude-nonexistent-9', max_tokens: 50, messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => error instanceof Anthropic.BadRequestError && error.type === 'invalid_request_error' && /anthropic\/claude-nonexistent-9/.test(error.message),
    );
  });

  it('streams Anthropic events through the SDK helpers; finalMessage carries the priced usage', async () => {
    const stream = client.messages.stream({ model: 'sim/echo', max_tokens: 200, messages: [{ role: 'user', content: 'stream five small words please' }] });
    let text = '';
    stream.on('text', (delta) => (text += delta));
    const final = await stream.finalMessage();
    assert.equal(text, 'Echo: stream five small words please');
    assert.deepEqual(final.content, [{ type: 'text', text }]);
    assert.equal(final.stop_reason, 'end_turn');
    assert.match(final.id, /^gen-/);
    assert.ok(final.usage.input_tokens > 0 && final.usage.output_tokens > 0);
    const plain = await client.messages.create({ model: 'sim/echo', max_tokens: 200, messages: [{ role: 'user', content: 'stream five small words please' }] });
    assert.equal(final.usage.input_tokens, plain.usage.input_tokens);
    assert.equal(final.usage.output_tokens, plain.usage.output_tokens);
  });

  it('sends the exact event sequence with ping keep-alives (no OpenRouter comments, no [DONE])', async () => {
    const response = await fetch(`${root}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'slow words [[sim:chunk_delay=250]]' }] }),
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    const raw = await response.clone().text();
    assert.ok(!raw.includes('OPENROUTER PROCESSING') && !raw.includes('[DONE]'), raw.slice(0, 300));
    const events = await readAnthropicEvents(response);
    assert.deepEqual(checkAnthropicEventOrder(events), []);
    assert.ok(events.some((e) => e.event === 'ping'), 'a ping while the upstream is slow');
    const delta = events.find((e) => e.event === 'message_delta')?.data as { delta: { stop_reason: string }; usage: PricedUsage };
    assert.equal(delta.delta.stop_reason, 'end_turn');
    assert.equal(delta.usage.cost, expectedCost(delta.usage.input_tokens, delta.usage.output_tokens));
  });

  it('returns tool_use blocks with parsed input and takes tool_result back', async () => {
    const first = await client.messages.create({
      model: 'sim/echo',
      max_tokens: 200,
      tools: [weather],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    assert.equal(first.stop_reason, 'tool_use');
    const call = first.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
    assert.ok(call);
    assert.equal(call.name, 'get_weather');
    assert.deepEqual(call.input, { city: 'value', days: 1 });
    const sent = lastUpstreamBody();
    assert.equal(sent.tool_choice, 'required');
    assert.deepEqual((sent.tools as Array<{ function: unknown }>)[0]?.function, { name: 'get_weather', description: 'Weather for a city', parameters: weather.input_schema });

    const history: Anthropic.MessageParam[] = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: first.content },
    ];
    const second = await client.messages.create({
      model: 'sim/echo',
      max_tokens: 200,
      tools: [weather],
      messages: [...history, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny, 24°C' }] }],
    });
    assert.equal(second.stop_reason, 'end_turn', 'the loop ends after the tool result');
    assert.equal(second.content[0]?.type, 'text');

    // Tool results go first, as tool messages; the rest of the user turn follows.
    await client.messages.create({
      model: 'sim/echo',
      max_tokens: 200,
      tools: [weather],
      tool_choice: { type: 'none' },
      messages: [...history, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny, 24°C' }, { type: 'text', text: 'Summarise it' }] }],
    });
    const upstream = lastUpstreamBody().messages as Array<Record<string, unknown>>;
    assert.deepEqual(upstream.slice(1), [
      { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"value","days":1}' } }] },
      { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24°C' },
      { role: 'user', content: [{ type: 'text', text: 'Summarise it' }] },
    ]);
  });

  it('streams parallel tool calls as separate, non-interleaved tool_use blocks with every argument delta', async () => {
    const stream = client.messages.stream({
      model: 'sim/echo',
      max_tokens: 200,
      tools: [weather, time],
      messages: [{ role: 'user', content: 'both please [[sim:tools=parallel]]' }],
    });
    const partials: Record<number, string> = {};
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') partials[event.index] = (partials[event.index] ?? '') + event.delta.partial_json;
    });
    const final = await stream.finalMessage();
    assert.equal(final.stop_reason, 'tool_use');
    assert.deepEqual(
      final.content.map((block) => (block.type === 'tool_use' ? [block.name, block.input] : block.type)),
      [['get_weather', { city: 'value', days: 1 }], ['get_time', { zone: 'value' }]],
    );
    assert.deepEqual(Object.values(partials).map((json) => JSON.parse(json)), [{ city: 'value', days: 1 }, { zone: 'value' }]);
  });

  it('surfaces reasoning as thinking blocks (non-streamed and streamed) and replays signed thinking upstream', async () => {
    const message = await client.messages.create({
      model: 'sim/echo',
      max_tokens: 300,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'think first [[sim:reasoning=6]]' }],
    });
    assert.deepEqual(message.content.map((block) => block.type), ['thinking', 'text']);
    assert.equal((message.content[0] as Anthropic.ThinkingBlock).thinking, 'Let me think about this request');
    assert.equal(message.usage.output_tokens_details?.thinking_tokens, 6);
    assert.deepEqual(lastUpstreamBody().reasoning_effort, undefined, 'a budget is not an effort; the OpenAI adapter decides');

    const stream = client.messages.stream({ model: 'sim/echo', max_tokens: 300, messages: [{ role: 'user', content: 'think again [[sim:reasoning=4]]' }] });
    let thinking = '';
    stream.on('thinking', (delta) => (thinking += delta));
    const final = await stream.finalMessage();
    assert.equal(thinking, 'Let me think about');
    assert.deepEqual(final.content.map((block) => block.type), ['thinking', 'text']);

    await client.messages.create({
      model: 'sim/echo',
      max_tokens: 300,
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'hmm', signature: 'sig-abc' }, { type: 'redacted_thinking', data: 'opaque' }, { type: 'text', text: 'a' }] },
        { role: 'user', content: 'next' },
      ],
    });
    const assistant = (lastUpstreamBody().messages as Array<Record<string, unknown>>)[1];
    assert.deepEqual(assistant, {
      role: 'assistant',
      content: 'a',
      reasoning: 'hmm',
      reasoning_details: [
        { type: 'reasoning.text', text: 'hmm', signature: 'sig-abc', format: 'anthropic-claude-v1', index: 0 },
        { type: 'reasoning.encrypted', data: 'opaque', format: 'anthropic-claude-v1', index: 1 },
      ],
    });
  });

  it('passes images (base64 and URL) and prices cached tokens at the cache-read rate', async () => {
    const message = await client.messages.create({
      model: 'sim/echo',
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            { type: 'text', text: 'what is this [[sim:cached=12]]', cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
    });
    const parts = (lastUpstreamBody().messages as Array<{ content: unknown[] }>)[0]?.content;
    assert.deepEqual(parts?.slice(0, 2), [
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
    ]);
    assert.deepEqual((parts?.[2] as { cache_control: unknown }).cache_control, { type: 'ephemeral' });
    const usage = message.usage as PricedUsage;
    assert.equal(usage.cache_read_input_tokens, 12);
    assert.equal(usage.cost, expectedCost(usage.input_tokens + 12, usage.output_tokens, 12));
  });

  it('counts tokens by estimate (count_tokens), for known models only', async () => {
    const short = await client.messages.countTokens({ model: 'sim/echo', messages: [{ role: 'user', content: 'one two three' }] });
    const long = await client.messages.countTokens({
      model: 'claude-sonnet-4-20250514',
      system: 'You are a careful assistant.',
      tools: [weather],
      messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }],
    });
    assert.ok(short.input_tokens > 3, String(short.input_tokens));
    assert.ok(long.input_tokens > short.input_tokens + 20, `${long.input_tokens} vs ${short.input_tokens}`);
    await assert.rejects(client.messages.countTokens({ model: 'nope/missing', messages: [{ role: 'user', content: 'x' }] }), Anthropic.BadRequestError);
  });

  it('reports errors in Anthropic envelope as the SDK typed errors', async () => {
    const stranger = new Anthropic({ authToken: 'sk-or-v1-not-a-real-key', baseURL: root, maxRetries: 0 });
    await assert.rejects(stranger.messages.create({ model: 'sim/echo', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.AuthenticationError, String(error));
      assert.equal(error.status, 401);
      assert.equal(error.type, 'authentication_error');
      return true;
    });
    await assert.rejects(
      client.messages.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'x' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming),
      (error: unknown) => error instanceof Anthropic.BadRequestError && error.type === 'invalid_request_error' && /max_tokens/.test(error.message),
    );
    const badJson = await fetch(`${root}/v1/messages`, { method: 'POST', headers: { 'x-api-key': stack.apiKey, 'content-type': 'application/json' }, body: '{"model":' });
    assert.equal(badJson.status, 400);
    assert.deepEqual(Object.keys((await badJson.json()) as object), ['type', 'error']);
    const noKey = await fetch(`${root}/v1/messages/count_tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(noKey.status, 401);
    assert.equal(((await noKey.json()) as { error: { type: string } }).error.type, 'authentication_error');
  });

  it('maps upstream 429 and 503 (after failing over both endpoints) to RateLimitError and overloaded_error', async () => {
    stack.sim.reset();
    await assert.rejects(
      client.messages.create({ model: 'sim/echo', max_tokens: 10, messages: [{ role: 'user', content: 'x [[sim:status=429 retry_after=3]]' }] }),
      (error: unknown) => {
        assert.ok(error instanceof Anthropic.RateLimitError, String(error));
        assert.equal(error.type, 'rate_limit_error');
        assert.equal(error.headers.get('retry-after'), '3');
        return true;
      },
    );
    assert.equal(stack.sim.requests.length, 3, 'both endpoints were tried, then the last once more after its Retry-After (docs/routing.md)');
    await assert.rejects(
      client.messages.create({ model: 'sim/echo', max_tokens: 10, messages: [{ role: 'user', content: 'x [[sim:status=503]]' }] }),
      (error: unknown) => error instanceof Anthropic.InternalServerError && error.status === 503 && error.type === 'overloaded_error',
    );
  });

  it('replays response-cache hits in the Anthropic dialect, streamed and not, free and with a fresh id', async () => {
    const cached = new Anthropic({ authToken: stack.apiKey, baseURL: root, maxRetries: 0, defaultHeaders: { 'X-OpenRouter-Cache': 'true' } });
    const body = { model: 'sim/echo', max_tokens: 50, messages: [{ role: 'user' as const, content: 'cache me in claude dialect' }] };
    const first = await cached.messages.create(body);
    const hit = await cached.messages.create(body).withResponse();
    assert.equal(hit.response.headers.get('x-openrouter-cache-status'), 'HIT');
    assert.notEqual(hit.data.id, first.id);
    assert.deepEqual(hit.data.content, first.content);
    assert.equal((hit.data.usage as PricedUsage).cost, 0);
    const streamBody = { ...body, messages: [{ role: 'user' as const, content: 'cache my stream too' }] };
    const live = await cached.messages.stream(streamBody).finalMessage();
    const replay = await cached.messages.stream(streamBody).finalMessage();
    assert.deepEqual(replay.content, live.content);
    assert.notEqual(replay.id, live.id);
    assert.equal(replay.usage.output_tokens, 0, 'a hit is free');
    // The same body on /chat/completions is another endpoint type: no cross-dialect hit.
    const chat = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', 'x-openrouter-cache': 'true' },
      body: JSON.stringify(body),
    });
    assert.equal(chat.headers.get('x-openrouter-cache-status'), 'MISS');
  });

  it('sends a mid-stream failure as an in-band error event the SDK raises', async () => {
    const response = await fetch(`${root}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'one two three four [[sim:error_after=2]]' }] }),
    });
    assert.equal(response.status, 200);
    const events = await readAnthropicEvents(response);
    assert.equal(events[0]?.event, 'message_start');
    const last = events.at(-1);
    assert.equal(last?.event, 'error');
    assert.equal((last?.data.error as { type: string }).type, 'api_error');
    const stream = client.messages.stream({ model: 'sim/echo', max_tokens: 100, messages: [{ role: 'user', content: 'one two three four [[sim:error_after=2]]' }] });
    await assert.rejects(stream.finalMessage(), (error: unknown) => error instanceof Anthropic.APIError && error.type === 'api_error');
  });
});
