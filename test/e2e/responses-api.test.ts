import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost as costOf } from '../support/expected-cost.js';

const expectedCost = (prompt: number, completion: number, cached = 0) => costOf({ prompt, completion, cacheRead: cached }, ECHO_PRICES);

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

describe('Responses API (POST /api/v1/responses) with the openai SDK', () => {
  let stack: TestStack;
  let client: OpenAI;
  before(async () => {
    stack = await startTestStack();
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(() => stack.close());

  it('responses.create: string input and instructions → a completed response with priced usage', async () => {
    const { data, response } = await client.responses.create({ model: 'sim/echo', instructions: 'Be brief.', input: 'Say hi to the gateway', store: false, metadata: { ticket: 'T-1' } }).withResponse();
    assert.deepEqual(data.metadata, { ticket: 'T-1' });
    assert.match(data.id, /^gen-/);
    assert.equal(response.headers.get('x-generation-id'), data.id);
    assert.equal(data.object, 'response');
    assert.equal(data.status, 'completed');
    assert.equal(typeof data.created_at, 'number');
    assert.equal(data.model, 'sim/echo');
    assert.equal(data.output_text, 'Echo: Say hi to the gateway');
    const message = data.output.find((item) => item.type === 'message');
    assert.ok(message && message.type === 'message' && message.id);
    const usage = data.usage as OpenAI.Responses.ResponseUsage & { cost: number };
    assert.ok(usage.input_tokens > 0 && usage.output_tokens > 0);
    assert.equal(usage.total_tokens, usage.input_tokens + usage.output_tokens);
    assert.equal(usage.cost, expectedCost(usage.input_tokens, usage.output_tokens));
    const upstream = stack.sim.requests.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> };
    assert.deepEqual(upstream.messages.map((m) => m.role), ['system', 'user']);
  });

  it('item-list input with developer message, function call round trip and cached tokens', async () => {
    const first = await client.responses.create({
      model: 'sim/echo',
      input: [
        { type: 'message', role: 'developer', content: 'You are a weather bot.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
      ],
      tools: [weatherTool],
      tool_choice: 'auto',
    });
    const call = first.output.find((item) => item.type === 'function_call');
    assert.ok(call && call.type === 'function_call', 'a function_call item');
    assert.equal(call.name, 'get_weather');
    assert.ok(call.call_id && call.id);
    assert.deepEqual(JSON.parse(call.arguments), { city: 'value' });
    const second = await client.responses.create({
      model: 'sim/echo',
      input: [
        { type: 'message', role: 'user', content: 'Weather in Paris? [[sim:cached=3]]' },
        { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: 'function_call_output', call_id: call.call_id, output: 'sunny' },
      ],
      tools: [weatherTool],
    });
    assert.equal(second.status, 'completed');
    assert.ok(second.output_text.length > 0, 'the model answers in text after the tool output');
    assert.equal(second.usage?.input_tokens_details.cached_tokens, 3);
    const upstream = stack.sim.requests.at(-1)?.body as { messages: Array<{ role: string; tool_calls?: unknown[] }> };
    assert.deepEqual(upstream.messages.map((m) => m.role), ['user', 'assistant', 'tool']);
  });

  it('max_output_tokens → status incomplete with reason max_output_tokens', async () => {
    const data = await client.responses.create({ model: 'sim/echo', input: 'count '.repeat(30).trim(), max_output_tokens: 16 });
    assert.equal(data.status, 'incomplete');
    assert.equal(data.incomplete_details?.reason, 'max_output_tokens');
  });

  it('text.format json_schema reaches the upstream as response_format', async () => {
    const data = await client.responses.create({
      model: 'sim/echo',
      input: 'Plan a trip',
      text: { format: { type: 'json_schema', name: 'trip', schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false }, strict: true } },
    });
    assert.deepEqual(JSON.parse(data.output_text), { city: 'value' });
    const upstream = stack.sim.requests.at(-1)?.body as { response_format: { type: string } };
    assert.equal(upstream.response_format.type, 'json_schema');
  });

  it('responses.stream: the full event sequence with sequence numbers, text and a tool call', async () => {
    const stream = client.responses.stream({ model: 'sim/echo', input: 'stream these words please' });
    const types: string[] = [];
    const sequence: number[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    assert.deepEqual(final.metadata, {});
    assert.deepEqual(sequence, sequence.map((_, index) => index), 'sequence_number counts from 0 without gaps');
    assert.equal(types[0], 'response.created');
    assert.equal(types[1], 'response.in_progress');
    assert.equal(types.at(-1), 'response.completed');
    for (const type of ['response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.output_text.done', 'response.content_part.done', 'response.output_item.done']) {
      assert.ok(types.includes(type), `has ${type}`);
    }
    assert.equal(text, 'Echo: stream these words please');
    assert.equal(final.output_text, text);
    assert.equal(final.status, 'completed');
    const usage = final.usage as OpenAI.Responses.ResponseUsage & { cost: number };
    assert.equal(usage.cost, expectedCost(usage.input_tokens, usage.output_tokens));

    const toolStream = client.responses.stream({ model: 'sim/echo', input: 'Weather in Oslo?', tools: [weatherTool] });
    const toolTypes: string[] = [];
    let argumentDeltas = '';
    for await (const event of toolStream) {
      toolTypes.push(event.type);
      if (event.type === 'response.function_call_arguments.delta') argumentDeltas += event.delta;
    }
    const toolFinal = await toolStream.finalResponse();
    const call = toolFinal.output.find((item) => item.type === 'function_call');
    assert.ok(call && call.type === 'function_call');
    assert.equal(call.arguments, argumentDeltas);
    assert.deepEqual(JSON.parse(call.arguments), { city: 'value' });
    assert.ok(toolTypes.indexOf('response.function_call_arguments.done') < toolTypes.indexOf('response.output_item.done'));
    assert.equal(toolTypes.at(-1), 'response.completed');
  });

  it('streams max_output_tokens as response.incomplete carrying the whole response', async () => {
    const stream = client.responses.stream({ model: 'sim/echo', input: 'count '.repeat(30).trim(), max_output_tokens: 16 });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    assert.equal(types.at(-1), 'response.incomplete');
    const final = await stream.finalResponse();
    assert.equal(final.status, 'incomplete');
    assert.equal(final.incomplete_details?.reason, 'max_output_tokens');
    assert.ok(final.usage && final.usage.output_tokens > 0);
  });

  it('refuses stateful and unknown fields with a 400 naming the field', async () => {
    for (const [extra, field] of [
      [{ previous_response_id: 'resp_1' }, 'previous_response_id'],
      [{ store: true }, 'store'],
      [{ frobnicate: 1 }, 'frobnicate'],
    ] as const) {
      const response = await fetch(`${stack.baseURL}/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sim/echo', input: 'hi', ...extra }),
      });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { code: number; message: string } };
      assert.equal(body.error.code, 400);
      assert.match(body.error.message, new RegExp(field));
    }
  });

  it('accepts what Codex sends (developer items with ids, include, prompt_cache_key, client_metadata, namespace and web_search tools)', async () => {
    // Exactly Codex's shape, which the SDK's types do not all describe (client ids on input messages, client_metadata).
    const codexBody = {
      model: 'sim/echo',
      input: [
        { type: 'message', id: 'msg_client_1', role: 'developer', content: [{ type: 'input_text', text: 'You are Codex.' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello codex' }] },
      ],
      store: false,
      stream: false,
      include: ['reasoning.encrypted_content'],
      reasoning: { effort: 'medium', summary: 'auto' },
      prompt_cache_key: 'thread-1',
      tools: [{ type: 'web_search' }, { type: 'namespace', name: 'mcp', description: 'tools', tools: [{ type: 'function', name: 'inner', parameters: { type: 'object', properties: {} } }] }],
      tool_choice: 'none',
      parallel_tool_calls: false,
      client_metadata: { originator: 'codex_exec' },
    };
    const data = await client.responses.create(codexBody as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    assert.equal(data.status, 'completed');
    assert.equal(data.output_text, 'Echo: hello codex');
  });
});
