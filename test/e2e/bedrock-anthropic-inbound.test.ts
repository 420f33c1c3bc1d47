import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startBedrockSimulator, type BedrockSimulator } from '../../sim/bedrock/start-bedrock-simulator.js';
import { signReasoning } from '../../sim/bedrock/build-converse-reply.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost as costOf } from '../support/expected-cost.js';

const CREDENTIALS = { accessKeyId: 'AKIAMATRIXSIM0000001', secretAccessKey: 'matrix-secret' };
const MODEL = 'anthropic/claude-sim-bedrock';
const PRICES = { prompt: '0.000003', completion: '0.000015', input_cache_read: '0.0000003', input_cache_write: '0.00000375' } as const;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const weather: Anthropic.Tool = { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } } };
const time: Anthropic.Tool = { name: 'get_time', input_schema: { type: 'object', properties: { zone: { type: 'string' } } } };

type PricedUsage = Anthropic.Usage & { cost: number };

/** Hand-computed cost: Anthropic's `input_tokens` excludes cache reads and writes. */
function expectedCost(usage: Anthropic.Usage): number {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  return costOf({ prompt: usage.input_tokens + cacheRead + cacheWrite, completion: usage.output_tokens, cacheRead, cacheWrite }, PRICES);
}

/** The inbound Anthropic Messages dialect with Bedrock Converse as the upstream protocol. */
describe('Anthropic SDK → /api/v1/messages → Bedrock Converse (simulator)', () => {
  let bedrock: BedrockSimulator;
  let stack: TestStack;
  let client: Anthropic;

  before(async () => {
    bedrock = await startBedrockSimulator({ credentials: CREDENTIALS, region: 'us-east-1' });
    stack = await startTestStack({
      config: {
        providers: [
          { id: 'amazon-bedrock', base_url: bedrock.url, aws: { region: 'us-east-1', access_key_id: CREDENTIALS.accessKeyId, secret_access_key: CREDENTIALS.secretAccessKey } },
        ],
        models: [
          {
            id: MODEL,
            name: 'Claude (Bedrock sim)',
            context_length: 200000,
            endpoints: [{ provider: 'amazon-bedrock', model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', pricing: PRICES }],
          },
        ],
      },
    });
    client = new Anthropic({ authToken: stack.apiKey, baseURL: stack.baseURL.replace(/\/v1$/, ''), maxRetries: 0 });
  });
  after(async () => {
    await stack.close();
    await bedrock.close();
  });
  beforeEach(() => bedrock.reset());

  const lastBody = () => bedrock.requests.at(-1)?.body as { messages: Array<{ role: string; content: Array<Record<string, unknown>> }>; [key: string]: unknown };

  it('text: content, stop reason, usage and exact cost', async () => {
    const message = await client.messages.create({ model: MODEL, max_tokens: 200, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello Bedrock' }] });
    assert.deepEqual(message.content, [{ type: 'text', text: 'Echo: Hello Bedrock' }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal((message.usage as PricedUsage).cost, expectedCost(message.usage));
    assert.equal(bedrock.requests.at(-1)?.auth, 'sigv4');
    assert.deepEqual(lastBody().system, [{ text: 'Be brief.' }]);
  });

  it('thinking: streamed thinking with its signature, replayed on the next turn and verified upstream', async () => {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Think first' }],
    });
    const first = await stream.finalMessage();
    assert.deepEqual(lastBody().additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });
    const thinking = first.content[0] as Anthropic.ThinkingBlock;
    assert.equal(thinking.type, 'thinking');
    assert.match(thinking.thinking, /^Let me think/);
    assert.equal(thinking.signature, signReasoning(thinking.thinking));
    assert.equal(first.content[1]?.type === 'text' ? first.content[1].text : undefined, 'Echo: Think first');

    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        { role: 'user', content: 'Think first' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: 'Again' },
      ],
    });
    assert.equal(second.content.at(-1)?.type === 'text' && second.content.at(-1)?.type, 'text');
    assert.deepEqual(lastBody().messages[1]?.content[0], { reasoningContent: { reasoningText: { text: thinking.thinking, signature: thinking.signature } } });
  });

  it('parallel tools: two tool_use blocks with streamed input, then tool_result back as toolResult', async () => {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 200,
      tools: [weather, time],
      messages: [{ role: 'user', content: 'both [[sim:tools=parallel]]' }],
    });
    const deltas: Record<number, string[]> = {};
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') (deltas[event.index] ??= []).push(event.delta.partial_json);
    });
    const final = await stream.finalMessage();
    assert.equal(final.stop_reason, 'tool_use');
    const uses = final.content.filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
    assert.deepEqual(uses.map((use) => [use.name, use.input]), [['get_weather', { city: 'value', days: 1 }], ['get_time', { zone: 'value' }]]);
    // The first block streams every fragment; the inbound encoder holds a later block's fragments until
    // the earlier block closes (Anthropic blocks never interleave), so only their joined JSON is checked.
    const pieces = Object.values(deltas);
    assert.ok((pieces[0]?.length ?? 0) >= 3, `several input_json deltas: ${JSON.stringify(deltas)}`);
    assert.deepEqual(pieces.map((json) => JSON.parse(json.join(''))), [{ city: 'value', days: 1 }, { zone: 'value' }]);

    const next = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      tools: [weather, time],
      messages: [
        { role: 'user', content: 'both' },
        { role: 'assistant', content: final.content },
        { role: 'user', content: uses.map((use) => ({ type: 'tool_result' as const, tool_use_id: use.id, content: `result of ${use.name}` })) },
      ],
    });
    assert.equal(next.stop_reason, 'end_turn');
    assert.deepEqual(
      lastBody().messages[2]?.content.map((block) => (block.toolResult as { toolUseId: string }).toolUseId),
      uses.map((use) => use.id),
    );
  });

  it('image and cache_control: image block with bytes, cachePoint, cache reads priced', async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'text', text: 'what is this [[sim:cached=40]]', cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
    });
    assert.deepEqual(lastBody().messages[0]?.content, [
      { image: { format: 'png', source: { bytes: PNG } } },
      { text: 'what is this [[sim:cached=40]]' },
      { cachePoint: { type: 'default' } },
    ]);
    assert.equal(message.usage.cache_read_input_tokens, 40);
    assert.equal((message.usage as PricedUsage).cost, expectedCost(message.usage));
  });

  it('ThrottlingException surfaces as the SDK RateLimitError', async () => {
    await assert.rejects(
      client.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'busy [[sim:status=429]]' }] }),
      (error: unknown) => error instanceof Anthropic.RateLimitError,
    );
  });
});
