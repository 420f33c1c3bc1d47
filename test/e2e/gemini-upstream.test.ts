import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { expectedGeminiCost, startGeminiStack, type GeminiStack } from '../support/start-gemini-stack.js';

type Usage = OpenAI.CompletionUsage & { cost: number };
type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MODEL = 'google/gemini-2.5-flash';
const tools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather',
      parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: ['string', 'null'], enum: ['c', 'f'] } }, required: ['city'], additionalProperties: false },
    },
  },
  { type: 'function', function: { name: 'get_time', parameters: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { zone: { const: 'UTC' } } } } },
];

describe('openai SDK → Switchyard → Gemini API (simulator)', () => {
  let stack: GeminiStack;
  let client: OpenAI;
  const lastGeminiBody = () => stack.gemini.requests.at(-1)?.body as Body;
  before(async () => {
    stack = await startGeminiStack();
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  beforeEach(() => stack.gemini.reset());
  after(() => stack.close());

  it('translates a text request and returns content, usage and exact cost', async () => {
    const data = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'First question' },
        { role: 'user', content: 'Hello Gemini' },
      ],
      max_tokens: 200,
      temperature: 0.3,
      top_p: 0.9,
      stop: ['END'],
      seed: 7,
      logit_bias: { '1': 5 },
      user: 'user-1',
      parallel_tool_calls: true,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(data.choices[0]?.message.content, 'Echo: First question\nHello Gemini', 'the simulator echoes the merged user turn');
    assert.equal(data.choices[0]?.finish_reason, 'stop');
    assert.equal((data.choices[0] as unknown as { native_finish_reason: string }).native_finish_reason, 'STOP');
    assert.equal((data as unknown as { provider: string }).provider, 'Google AI Studio');
    assert.equal(data.model, MODEL);
    const usage = data.usage as Usage;
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.cost, expectedGeminiCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }));

    const request = stack.gemini.requests.at(-1);
    assert.equal(request?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(request?.headers['x-goog-api-key'], 'gm-sim-key');
    assert.equal(request?.headers.authorization, undefined);
    const body = lastGeminiBody();
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'You are terse.' }] });
    assert.deepEqual(body.contents, [{ role: 'user', parts: [{ text: 'First question' }, { text: 'Hello Gemini' }] }], 'consecutive user turns merged');
    assert.deepEqual(body.generationConfig, { maxOutputTokens: 200, temperature: 0.3, topP: 0.9, seed: 7, stopSequences: ['END'] });
    assert.deepEqual(Object.keys(body).sort(), ['contents', 'generationConfig', 'systemInstruction']);
  });

  it('streams text deltas, the mapped finish reason, then one priced usage chunk', async () => {
    const stream = await client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'stream five words now' }] });
    let text = '';
    let finish: string | null = null;
    let native: string | undefined;
    let usage: Usage | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) {
        finish = chunk.choices[0].finish_reason;
        native = (chunk.choices[0] as unknown as { native_finish_reason: string }).native_finish_reason;
      }
      if (chunk.usage) usage = chunk.usage as Usage;
    }
    assert.equal(text, 'Echo: stream five words now');
    assert.ok(chunks >= 6, `word-by-word deltas (${chunks} chunks)`);
    assert.equal(finish, 'stop');
    assert.equal(native, 'STOP');
    assert.ok(usage && usage.completion_tokens > 0);
    assert.equal(usage.cost, expectedGeminiCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }));
    assert.equal(stack.gemini.requests.at(-1)?.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    assert.equal(stack.gemini.requests.at(-1)?.query, 'alt=sse');
  });

  it('streams parallel tool calls with stable ids, then sends the results back as functionResponse parts', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'weather and time [[sim:tools=parallel]]' }];
    const stream = await client.chat.completions.create({ model: MODEL, stream: true, tools, tool_choice: 'auto', messages });
    const calls: Array<{ id: string; name: string; arguments: string }> = [];
    let finish: string | null = null;
    const details: unknown[] = [];
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as (OpenAI.ChatCompletionChunk.Choice.Delta & { reasoning_details?: unknown[] }) | undefined;
      details.push(...(delta?.reasoning_details ?? []));
      for (const call of delta?.tool_calls ?? []) {
        calls[call.index] ??= { id: '', name: '', arguments: '' };
        const entry = calls[call.index]!;
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(finish, 'tool_calls');
    assert.deepEqual(calls.map((call) => [call.name, JSON.parse(call.arguments)]), [['get_weather', { city: 'value', unit: 'c' }], ['get_time', { zone: 'UTC' }]]);
    assert.ok(calls[0]!.id && calls[1]!.id && calls[0]!.id !== calls[1]!.id);

    const sent = lastGeminiBody();
    assert.deepEqual(sent.toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
    const [weather, time] = sent.tools[0].functionDeclarations;
    assert.deepEqual(weather.parameters, { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', nullable: true, enum: ['c', 'f'] } }, required: ['city'] });
    assert.deepEqual(time.parameters, { type: 'object', properties: { zone: { enum: ['UTC'], type: 'string' } } });

    const reply = await client.chat.completions.create({
      model: MODEL,
      tools,
      messages: [
        ...messages,
        { role: 'assistant', content: null, tool_calls: calls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } })), reasoning_details: details } as OpenAI.ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: calls[1]!.id, content: '12:00' },
        { role: 'tool', tool_call_id: calls[0]!.id, content: '{"temp":18}' },
      ],
    });
    assert.equal(reply.choices[0]?.message.content, 'Echo: weather and time');
    const history = lastGeminiBody().contents;
    assert.equal(history.length, 3);
    assert.deepEqual(history[2], {
      role: 'user',
      parts: [{ functionResponse: { name: 'get_time', response: { content: '12:00' } } }, { functionResponse: { name: 'get_weather', response: { temp: 18 } } }],
    });
    assert.equal(history[1].parts[0].thoughtSignature, details.length ? (details[0] as { data: string }).data : undefined);
  });

  it('sends image parts as inline_data (data URLs) and fileData (other URLs)', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const data = await client.chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these images?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.webp' } },
          ],
        },
      ],
    });
    assert.equal(data.choices[0]?.message.content, 'Echo: What is in these images?');
    assert.deepEqual(lastGeminiBody().contents[0].parts, [
      { text: 'What is in these images?' },
      { inlineData: { mimeType: 'image/png', data: png } },
      { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.webp' } },
    ]);
    assert.ok((data.usage?.prompt_tokens ?? 0) > 2 * 258, 'images are counted by the provider');
  });

  it('turns response_format json_schema into responseMimeType + responseJsonSchema and returns the JSON', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' }, temp: { type: 'number' } }, required: ['city', 'temp'], additionalProperties: false };
    const data = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'weather as JSON' }],
      response_format: { type: 'json_schema', json_schema: { name: 'weather', strict: true, schema } },
    });
    assert.deepEqual(JSON.parse(data.choices[0]?.message.content ?? ''), { city: 'value', temp: 1 });
    assert.equal(lastGeminiBody().generationConfig.responseMimeType, 'application/json');
    assert.deepEqual(lastGeminiBody().generationConfig.responseJsonSchema, schema);
  });

  it('returns reasoning and signatures, and replays the signature on the next turn', async () => {
    const first = await client.chat.completions.create({
      model: MODEL,
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      messages: [{ role: 'user', content: 'think, then call [[sim:reasoning=30]]' }],
      reasoning: { effort: 'low' },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const message = first.choices[0]?.message as OpenAI.ChatCompletionMessage & { reasoning?: string; reasoning_details?: Array<Record<string, unknown>> };
    assert.match(message.reasoning ?? '', /think about this request/);
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    const call = message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(stack.gemini.requests.at(-1) && lastGeminiBody().generationConfig.thinkingConfig, { thinkingBudget: 2048, includeThoughts: true });
    assert.deepEqual(lastGeminiBody().toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } });
    const encrypted = message.reasoning_details?.find((detail) => detail.type === 'reasoning.encrypted');
    assert.equal(encrypted?.format, 'google-gemini-v1');
    assert.equal(encrypted?.id, call.id, 'the signature is bound to its tool call');
    assert.equal(first.usage?.completion_tokens_details?.reasoning_tokens, 30);

    const second = await client.chat.completions.create({
      model: MODEL,
      tools,
      messages: [
        { role: 'user', content: 'think, then call [[sim:reasoning=30]]' },
        { role: 'assistant', content: null, tool_calls: [call], reasoning: message.reasoning, reasoning_details: message.reasoning_details } as OpenAI.ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call.id, content: 'sunny' },
      ],
    });
    assert.equal(second.choices[0]?.message.content, 'Echo: think, then call');
    const replayed = lastGeminiBody().contents[1];
    assert.equal(replayed.role, 'model');
    assert.equal(replayed.parts.length, 1, 'thought text is not replayed, only the signed call');
    assert.equal(replayed.parts[0].thoughtSignature, encrypted?.data);
    assert.deepEqual(replayed.parts[0].functionCall, { name: 'get_weather', args: { city: 'value', unit: 'c' } });
  });

  it('falls back to Gemini\'s documented placeholder when a client dropped the signature', async () => {
    const data = await client.chat.completions.create({
      model: MODEL,
      tools,
      messages: [
        { role: 'user', content: 'weather' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_x', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
        { role: 'tool', tool_call_id: 'call_x', content: 'rain' },
      ],
    });
    assert.equal(data.choices[0]?.message.content, 'Echo: weather');
    assert.equal(lastGeminiBody().contents[1].parts[0].thoughtSignature, 'skip_thought_signature_validator');
  });

  it('prices cached and reasoning tokens exactly (completion includes thoughts)', async () => {
    const data = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: `${'long context '.repeat(60)} [[sim:cached=100 reasoning=40]]` }],
      reasoning: { max_tokens: 500 },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const usage = data.usage as Usage;
    assert.equal(usage.prompt_tokens_details?.cached_tokens, 100);
    assert.equal(usage.completion_tokens_details?.reasoning_tokens, 40);
    const visible = usage.completion_tokens - 40;
    assert.ok(visible > 0);
    // prompt_tokens includes the 100 cached; 0.3 µ$ per uncached prompt token, 0.03 µ$ per
    // cached one, 2.5 µ$ per completion token (thoughts included: no separate reasoning price).
    const pico = BigInt(usage.prompt_tokens - 100) * 300_000n + 100n * 30_000n + BigInt(usage.completion_tokens) * 2_500_000n;
    assert.equal(usage.cost, Number(pico) / 1e12);
    assert.equal(usage.cost, expectedGeminiCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens, cached: 100 }));
    assert.deepEqual(lastGeminiBody().generationConfig.thinkingConfig, { thinkingBudget: 500, includeThoughts: true });

    const generation = await fetch(`${stack.baseURL}/generation?id=${data.id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    const record = ((await generation.json()) as { data: Record<string, unknown> }).data;
    assert.equal(record.native_tokens_reasoning ?? record.reasoning_tokens ?? 40, 40);
  });

  it('fails over on RESOURCE_EXHAUSTED to the next Gemini endpoint', async () => {
    stack.gemini.enqueueFault({ status: 429, retry_after: 7 });
    const data = await client.chat.completions.create({ model: 'sim/gemini-pair', messages: [{ role: 'user', content: 'failover please' }] });
    assert.equal(data.choices[0]?.message.content, 'Echo: failover please');
    assert.equal((data as unknown as { provider: string }).provider, 'Google B');
    assert.deepEqual(stack.gemini.requests.map((request) => request.headers['x-goog-api-key']), ['gm-sim-key', 'gm-sim-key-b']);
  });

  it('returns 429 with Retry-After from RetryInfo when every endpoint is exhausted', async () => {
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/gemini-pair', messages: [{ role: 'user', content: 'busy [[sim:status=429 retry_after=7]]' }] }),
    });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    const body = (await response.json()) as { error: { code: number; metadata: Record<string, unknown> } };
    assert.equal(body.error.code, 429);
    assert.equal(body.error.metadata.provider_code, 'RESOURCE_EXHAUSTED');
  });

  it('maps INVALID_ARGUMENT to 400 without trying other endpoints', async () => {
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/gemini-pair', messages: [{ role: 'user', content: 'too long [[sim:context=1]]' }] }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string; metadata: Record<string, unknown> } };
    assert.match(body.error.message, /exceeds the maximum number of tokens/);
    assert.equal(body.error.metadata.error_type, 'context_length_exceeded');
    assert.equal(stack.gemini.requests.length, 1);
  });

  it('turns an error inside the Gemini stream into an in-band error chunk', async () => {
    const stream = await client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'a b c d e f g [[sim:error_after=3]]' }] });
    let text = '';
    let finish: string | null = null;
    let error: unknown;
    try {
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
    } catch (caught) {
      error = caught;
    }
    assert.equal(text, 'Echo: a b');
    assert.ok(error || finish === 'error', 'the client sees the failure');
  });
});
