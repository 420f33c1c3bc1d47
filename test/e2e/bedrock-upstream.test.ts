import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startBedrockSimulator, type BedrockSimulator } from '../../sim/bedrock/start-bedrock-simulator.js';
import { signReasoning } from '../../sim/bedrock/build-converse-reply.js';
import { countTextTokens } from '../../sim/shared/count-text-tokens.js';
import { endpointKey } from '../../src/routing/health/endpoint-health.js';
import { readSse } from '../support/read-sse.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost as costOf } from '../support/expected-cost.js';

const CREDENTIALS = { accessKeyId: 'AKIAE2ESIMULATOR0001', secretAccessKey: 'e2e-secret' };
const UPSTREAM_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const MODEL = 'anthropic/claude-sim-bedrock';
const PRICES = { prompt: '0.000003', completion: '0.000015', input_cache_read: '0.0000003', input_cache_write: '0.00000375' } as const;
const WEATHER_TOOLS: OpenAI.ChatCompletionFunctionTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } },
];
/** A 1×1 transparent PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

type PricedUsage = OpenAI.CompletionUsage & {
  cost: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number };
};

/** Hand-computed cost in USD from integer picodollars. */
const expectedCost = (usage: Parameters<typeof costOf>[0]) => costOf(usage, PRICES);

describe('openai SDK → Switchyard → Bedrock Converse (simulator)', () => {
  let bedrock: BedrockSimulator;
  let stack: TestStack;
  let client: OpenAI;

  before(async () => {
    bedrock = await startBedrockSimulator({ credentials: CREDENTIALS, region: 'us-west-2', apiKeys: ['bedrock-api-key-b'] });
    stack = await startTestStack({
      config: {
        providers: [
          {
            id: 'amazon-bedrock',
            base_url: bedrock.url,
            aws: { region: 'us-west-2', access_key_id: CREDENTIALS.accessKeyId, secret_access_key: CREDENTIALS.secretAccessKey },
          },
          { id: 'bedrock-b', name: 'Bedrock B', protocol: 'bedrock', base_url: bedrock.url, api_key: 'bedrock-api-key-b' },
        ],
        models: [
          {
            id: MODEL,
            name: 'Claude (Bedrock sim)',
            context_length: 200000,
            endpoints: [
              { provider: 'amazon-bedrock', model: UPSTREAM_MODEL, pricing: PRICES },
              { provider: 'bedrock-b', model: UPSTREAM_MODEL, pricing: PRICES },
            ],
          },
        ],
      },
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(async () => {
    await stack.close();
    await bedrock.close();
  });
  beforeEach(() => bedrock.reset());

  it('text: a signed Converse call, system prompt, usage and exact cost', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Hello Bedrock' },
      ],
      max_tokens: 100,
      temperature: 0.3,
      stop: ['END'],
      // Pins the SigV4 provider first (selection is otherwise a price-weighted draw).
      provider: { order: ['amazon-bedrock', 'bedrock-b'] },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(completion.choices[0]?.message.content, 'Echo: Hello Bedrock');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal((completion.choices[0] as unknown as { native_finish_reason: string }).native_finish_reason, 'end_turn');
    assert.equal((completion as unknown as { provider: string }).provider, 'Amazon Bedrock');
    const usage = completion.usage as PricedUsage;
    assert.ok(usage.prompt_tokens > 0);
    assert.equal(usage.completion_tokens, countTextTokens('Echo: Hello Bedrock'));
    assert.equal(usage.cost, expectedCost({ prompt: usage.prompt_tokens, completion: usage.completion_tokens }));

    const request = bedrock.requests.at(-1);
    assert.equal(request?.auth, 'sigv4', 'the simulator verified the SigV4 signature');
    assert.equal(request?.operation, 'converse');
    assert.equal(request?.modelId, UPSTREAM_MODEL);
    assert.match(request?.rawPath ?? '', /v1%3A0\/converse$/);
    const body = request?.body as Record<string, unknown>;
    assert.deepEqual(body.system, [{ text: 'Be terse.' }]);
    assert.deepEqual(body.inferenceConfig, { maxTokens: 100, temperature: 0.3, stopSequences: ['END'] });
  });

  it('stream: text deltas, finish and priced usage from the binary event stream', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'one two three four five' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: PricedUsage | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage as PricedUsage;
    }
    assert.equal(text, 'Echo: one two three four five');
    assert.ok(chunks >= 7, 'one chunk per word, not a single burst');
    assert.equal(finish, 'stop');
    assert.equal(usage?.completion_tokens, countTextTokens(text));
    assert.equal(usage?.cost, expectedCost({ prompt: usage!.prompt_tokens, completion: usage!.completion_tokens }));
    assert.equal(bedrock.requests.at(-1)?.operation, 'converse-stream');
  });

  it('parallel tools: two calls, each with several argument deltas, in order', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'weather and time [[sim:tools=parallel]]' }],
      tools: WEATHER_TOOLS,
      tool_choice: 'auto',
      stream: true,
    });
    const calls: Array<{ id: string; name: string; args: string[] }> = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        if (call.id) calls[call.index] = { id: call.id, name: call.function?.name ?? '', args: [] };
        if (call.function?.arguments) calls[call.index]?.args.push(call.function.arguments);
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.deepEqual(calls.map((call) => call.name), ['get_weather', 'get_time']);
    assert.ok((calls[0]?.args.length ?? 0) >= 3, 'arguments arrive as several deltas');
    assert.deepEqual(JSON.parse(calls[0]?.args.join('') ?? ''), { city: 'value', days: 1 });
    assert.deepEqual(JSON.parse(calls[1]?.args.join('') ?? ''), { zone: 'value' });
    assert.match(calls[0]?.id ?? '', /^tooluse_/);
    assert.equal(finish, 'tool_calls');
    const toolConfig = (bedrock.requests.at(-1)?.body as { toolConfig: unknown }).toolConfig;
    assert.deepEqual(toolConfig, {
      tools: WEATHER_TOOLS.map((tool) => ({ toolSpec: { name: tool.function.name, inputSchema: { json: tool.function.parameters } } })),
      toolChoice: { auto: {} },
    });

    // The next turn: tool results go back as toolResult blocks in one user turn.
    const followUp = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'user', content: 'weather and time' },
        { role: 'assistant', content: null, tool_calls: calls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.args.join('') } })) },
        { role: 'tool', tool_call_id: calls[0]!.id, content: '18C' },
        { role: 'tool', tool_call_id: calls[1]!.id, content: '12:00' },
      ],
      tools: WEATHER_TOOLS,
    });
    assert.equal(followUp.choices[0]?.finish_reason, 'stop');
    const sent = bedrock.requests.at(-1)?.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
    assert.deepEqual(sent.messages.map((message) => message.role), ['user', 'assistant', 'user']);
    assert.deepEqual(sent.messages[2]?.content, [
      { toolResult: { toolUseId: calls[0]!.id, content: [{ text: '18C' }], status: 'success' } },
      { toolResult: { toolUseId: calls[1]!.id, content: [{ text: '12:00' }], status: 'success' } },
    ]);
  });

  it('image input reaches Bedrock as an image block with base64 bytes', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
      ],
    });
    assert.equal(completion.choices[0]?.message.content, 'Echo: What is this?');
    const sent = bedrock.requests.at(-1)?.body as { messages: Array<{ content: unknown[] }> };
    assert.deepEqual(sent.messages[0]?.content, [{ text: 'What is this?' }, { image: { format: 'png', source: { bytes: PNG } } }]);

    await assert.rejects(
      client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }],
      }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /data URLs or s3/.test(error.message),
    );
    // Both endpoints were tried, and neither counts as failing: the request, not Bedrock, was the problem.
    for (const provider of ['amazon-bedrock', 'bedrock-b']) {
      assert.equal(stack.gateway.routing.health.stats(endpointKey(MODEL, provider), Date.now()).failures, 0, provider);
    }
  });

  it('JSON schema: answered through the forced response tool, returned as message text', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' }, temperature: { type: 'number' } }, required: ['city'] };
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather as JSON' }],
      response_format: { type: 'json_schema', json_schema: { name: 'weather', schema } },
    });
    assert.deepEqual(JSON.parse(completion.choices[0]?.message.content ?? ''), { city: 'value', temperature: 1 });
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.choices[0]?.message.tool_calls, undefined);
    const toolConfig = (bedrock.requests.at(-1)?.body as { toolConfig: { tools: Array<{ toolSpec: { inputSchema: unknown } }>; toolChoice: unknown } }).toolConfig;
    assert.deepEqual(toolConfig.tools[0]?.toolSpec.inputSchema, { json: schema });
    assert.deepEqual(toolConfig.toolChoice, { tool: { name: 'switchyard_json_response' } });

    // Streamed, the JSON arrives as content deltas.
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather as JSON' }],
      response_format: { type: 'json_schema', json_schema: { name: 'weather', schema } },
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) {
      assert.equal(chunk.choices[0]?.delta.tool_calls, undefined);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    assert.deepEqual(JSON.parse(text), { city: 'value', temperature: 1 });
  });

  it('reasoning: thinking requested, reasoning and signed details returned, replayed next turn', async () => {
    const first = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Think first' }],
      max_tokens: 4000,
      reasoning: { effort: 'medium' },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const sentFirst = bedrock.requests.at(-1)?.body as { additionalModelRequestFields: unknown; inferenceConfig: unknown };
    assert.deepEqual(sentFirst.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2000 } });
    assert.deepEqual(sentFirst.inferenceConfig, { maxTokens: 4000 });
    const message = first.choices[0]?.message as OpenAI.ChatCompletionMessage & { reasoning?: string; reasoning_details?: Array<Record<string, unknown>> };
    assert.match(message.reasoning ?? '', /^Let me think/);
    const detail = message.reasoning_details?.[0];
    assert.equal(detail?.type, 'reasoning.text');
    assert.equal(detail?.signature, signReasoning(message.reasoning ?? ''));
    assert.equal(detail?.format, 'anthropic-claude-v1');

    // Streamed: reasoning deltas, then the signature, collected the way clients do.
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Think first' }],
      reasoning: { max_tokens: 1500 },
      stream: true,
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    const streamedDetails: Array<Record<string, unknown>> = [];
    let streamedReasoning = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { reasoning?: string; reasoning_details?: Array<Record<string, unknown>> } | undefined;
      streamedReasoning += delta?.reasoning ?? '';
      streamedDetails.push(...(delta?.reasoning_details ?? []));
    }
    assert.equal(streamedReasoning, message.reasoning);
    assert.equal(streamedDetails.find((d) => d.signature)?.signature, detail?.signature);

    // Next turn: the streamed fragments go back as they came; the simulator verifies the signature.
    const second = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'user', content: 'Think first' },
        { role: 'assistant', content: first.choices[0]?.message.content ?? '', reasoning_details: streamedDetails } as OpenAI.ChatCompletionAssistantMessageParam,
        { role: 'user', content: 'And again' },
      ],
      reasoning: { effort: 'low' },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(second.choices[0]?.message.content, 'Echo: And again');
    const replayed = (bedrock.requests.at(-1)?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[1]?.content[0];
    assert.deepEqual(replayed, { reasoningContent: { reasoningText: { text: message.reasoning, signature: detail?.signature } } });
  });

  it('cached tokens: cache_control becomes a cachePoint; reads and writes priced exactly', async () => {
    const system = { role: 'system' as const, content: [{ type: 'text' as const, text: 'A long, stable system prompt worth caching. '.repeat(20), cache_control: { type: 'ephemeral' } }] };
    const write = await client.chat.completions.create({
      model: MODEL,
      messages: [system as unknown as OpenAI.ChatCompletionSystemMessageParam, { role: 'user', content: 'first' }],
    });
    const sentSystem = (bedrock.requests.at(-1)?.body as { system: unknown[] }).system;
    assert.deepEqual(sentSystem[1], { cachePoint: { type: 'default' } });
    const writeUsage = write.usage as PricedUsage;
    const written = writeUsage.prompt_tokens_details?.cache_write_tokens ?? 0;
    assert.ok(written > 100, `cache write tokens reported (${written})`);
    assert.equal(writeUsage.cost, expectedCost({ prompt: writeUsage.prompt_tokens, completion: writeUsage.completion_tokens, cacheWrite: written }));

    const read = await client.chat.completions.create({
      model: MODEL,
      messages: [system as unknown as OpenAI.ChatCompletionSystemMessageParam, { role: 'user', content: 'second [[sim:cached=150]]' }],
    });
    const readUsage = read.usage as PricedUsage;
    assert.equal(readUsage.prompt_tokens_details?.cached_tokens, 150);
    assert.ok(readUsage.prompt_tokens > 150, 'prompt_tokens includes the cached tokens');
    // Hand-computed for this exact response: uncached prompt + 150 cached reads + completion.
    assert.equal(readUsage.cost, expectedCost({ prompt: readUsage.prompt_tokens, completion: readUsage.completion_tokens, cacheRead: 150 }));
    assert.ok(readUsage.cost < expectedCost({ prompt: readUsage.prompt_tokens, completion: readUsage.completion_tokens }));
  });

  it('ThrottlingException (429) fails over to the next Bedrock provider (bearer API key)', async () => {
    bedrock.enqueueFault({ status: 429 });
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'retry me' }],
      provider: { order: ['amazon-bedrock', 'bedrock-b'] },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    assert.equal(completion.choices[0]?.message.content, 'Echo: retry me');
    assert.equal((completion as unknown as { provider: string }).provider, 'Bedrock B');
    assert.deepEqual(bedrock.requests.map((request) => request.auth), ['sigv4', 'bearer']);
  });

  it('a bad CRC on the first frame fails over before the first byte', async () => {
    bedrock.enqueueFault({ malformed: true });
    const stream = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'crc' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'Echo: crc');
    assert.equal(bedrock.requests.length, 2);
  });

  it('both providers throttled: 429 in the OpenRouter envelope', async () => {
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'busy [[sim:status=429]]' }] }),
    });
    assert.equal(response.status, 429);
    const body = (await response.json()) as { error: { code: number; metadata: { provider_name?: string; provider_code?: string } } };
    assert.equal(body.error.code, 429);
  });

  it('a validation error is a 400 that does not fail over', async () => {
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'too long [[sim:context=1]]' }] }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: number; message: string; metadata: { error_type?: string } } };
    assert.match(body.error.message, /Input is too long/);
    assert.equal(bedrock.requests.length, 1);
  });

  for (const [fault, code] of [
    ['cut_after=3', 502],
    ['stall_after=3', 504],
] as const) {
    it(`a stream that dies after its first frames (${fault}) ends with an in-band ${code} error, not a hang`, async () => {
      const response = await fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: `a b c d e f [[sim:${fault}]]` }] }),
      });
      assert.equal(response.status, 200);
      const transcript = await readSse(response);
      const errorChunk = transcript.chunks.find((chunk) => chunk.error) as { error: { code: number } } | undefined;
      assert.equal(errorChunk?.error.code, code);
      assert.equal(transcript.done, false);
      assert.equal(bedrock.requests.length, 1, 'no retry after content reached the client');
    });
  }

  it('an exception event inside the stream becomes an in-band error chunk', async () => {
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'a b c d e f [[sim:error_after=3]]' }] }),
    });
    assert.equal(response.status, 200);
    const transcript = await readSse(response);
    const errorChunk = transcript.chunks.find((chunk) => chunk.error) as { error: { code: number; message: string }; choices: Array<{ finish_reason: string }> } | undefined;
    assert.ok(errorChunk, 'an in-band error chunk');
    assert.equal(errorChunk.choices[0]?.finish_reason, 'error');
    assert.equal(errorChunk.error.code, 502);
    const text = transcript.chunks.map((chunk) => (chunk.choices as Array<{ delta?: { content?: string } }> | undefined)?.[0]?.delta?.content ?? '').join('');
    assert.ok(text.startsWith('Echo:'), 'content before the exception was relayed');
    assert.equal(transcript.done, false);
  });
});
