import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countTextTokens } from '../../sim/shared/count-text-tokens.js';
import { anthropicMessagesDriver, openAIChatDriver, openAIResponsesDriver, type InboundDriver, type MatrixTurn, type MatrixUsage } from '../support/conformance/conformance-inbounds.js';
import { MATRIX_UPSTREAMS, type MatrixCell, type MatrixPrices, type RunningUpstream, type UpstreamDescriptor } from '../support/conformance/conformance-upstreams.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';
import { expectedCost as costOf } from '../support/expected-cost.js';

/**
 * The conformance matrix: inbound {OpenAI chat, Anthropic messages, OpenAI Responses} × upstream protocol ×
 * feature. One gateway and one simulator per upstream, shared by all its cells. Every cell
 * checks content, usage and the exact cost from the endpoint's prices, not just a 200.
 */

/** A 1×1 transparent PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const WEATHER_SCHEMA = { type: 'object', properties: { city: { type: 'string' }, temperature: { type: 'number' } }, required: ['city', 'temperature'], additionalProperties: false };
const CACHED_SYSTEM = 'You are the matrix assistant. Follow the house style guide closely. '.repeat(30);

/** Hand-computed cost in USD: integer picodollars per token class, as the price sheet says. */
function expectedCost(usage: MatrixUsage, prices: MatrixPrices): number {
  return costOf({ prompt: usage.prompt, completion: usage.completion, cacheRead: usage.cachedRead, cacheWrite: usage.cacheWrite }, prices);
}

function assertPriced(turn: MatrixTurn, prices: MatrixPrices): void {
  assert.ok(turn.usage.prompt > 0 && turn.usage.completion > 0, `usage reported: ${JSON.stringify(turn.usage)}`);
  assert.equal(turn.usage.cost, expectedCost(turn.usage, prices), `cost for ${JSON.stringify(turn.usage)}`);
}

type CellTest = (context: { driver: InboundDriver; upstream: UpstreamDescriptor; running: RunningUpstream; model: string }) => Promise<void>;

const CELLS: Record<MatrixCell, CellTest> = {
  async text({ driver, upstream, model }) {
    const turn = await driver.ask({ model, prompt: 'Hello matrix', stream: false });
    assert.equal(turn.text, 'Echo: Hello matrix');
    assert.equal(turn.finish, 'stop');
    assert.equal(turn.usage.completion, countTextTokens(turn.text));
    assertPriced(turn, upstream.prices);
  },

  async stream({ driver, upstream, model }) {
    const turn = await driver.ask({ model, prompt: 'one two three four five six', stream: true });
    assert.equal(turn.text, 'Echo: one two three four five six');
    assert.ok(turn.textDeltas >= 5, `streamed in pieces (${turn.textDeltas} deltas)`);
    assert.equal(turn.finish, 'stop');
    assert.equal(turn.usage.completion, countTextTokens(turn.text));
    assertPriced(turn, upstream.prices);
  },

  async 'parallel-tools'({ driver, upstream, model }) {
    const turn = await driver.ask({ model, prompt: 'weather and time [[sim:tools=parallel]]', stream: true, tools: true });
    assert.equal(turn.finish, 'tool_calls');
    assert.deepEqual(
      turn.toolCalls.map((call) => [call.name, call.input]),
      [['get_weather', { city: 'value', days: 1 }], ['get_time', { zone: 'value' }]],
    );
    const pieces = turn.toolCalls.map((call) => call.argumentDeltas);
    if (upstream.streamsToolArguments) assert.ok((pieces[0] ?? 0) >= 2, `arguments streamed as several deltas (${pieces.join(', ')})`);
    else assert.deepEqual(pieces, [1, 1], 'each whole call relayed as one delta');
    assert.equal(new Set(turn.toolCalls.map((call) => call.id)).size, 2, 'distinct tool call ids');
    assertPriced(turn, upstream.prices);
  },

  async image({ driver, upstream, running, model }) {
    const turn = await driver.ask({ model, prompt: 'What is in this image?', stream: false, image: PNG });
    assert.equal(turn.text, 'Echo: What is in this image?');
    assert.ok(upstream.sawImage(running.lastBody(), PNG), 'the image reached the upstream');
    assertPriced(turn, upstream.prices);
  },

  async 'json-schema'({ driver, upstream, model }) {
    const turn = await driver.ask({ model, prompt: 'Weather as JSON', stream: false, jsonSchema: WEATHER_SCHEMA });
    assert.deepEqual(JSON.parse(turn.text), { city: 'value', temperature: 1 });
    assert.equal(turn.finish, 'stop');
    assertPriced(turn, upstream.prices);
  },

  async reasoning({ driver, upstream, running, model }) {
    const prompt = 'Think first [[sim:reasoning=8]]';
    const first = await driver.ask({ model, prompt, stream: false, reasoning: true });
    assert.match(first.reasoning, /think/i);
    assert.ok(first.text.startsWith('Echo: Think first'), first.text);
    if (upstream.reportsReasoningTokens) assert.equal(first.usage.reasoning, 8);
    assertPriced(first, upstream.prices);
    const second = await driver.ask({ model, prompt: 'And again', stream: false, reasoning: true, history: [{ prompt, assistant: first.replay }] });
    assert.equal(second.text, 'Echo: And again');
    if (upstream.signsReasoning) {
      assert.ok(first.signatures.length > 0, 'the upstream signed its reasoning and the client received the signature');
      assert.deepEqual(upstream.replayedSignatures(running.lastBody()), first.signatures, 'the signature went back upstream unchanged');
    }
    assertPriced(second, upstream.prices);
  },

  async 'cached-usage'({ driver, upstream, model }) {
    // One system prompt per inbound dialect, so a simulator's prompt cache starts cold for each.
    const system = `${CACHED_SYSTEM} (${driver.name})`;
    const first = await driver.ask({ model, prompt: 'first cached question', stream: false, cacheSystem: system });
    if (upstream.reportsCacheWrites) assert.ok(first.usage.cacheWrite > 100, `cache write reported (${first.usage.cacheWrite})`);
    assertPriced(first, upstream.prices);
    const second = await driver.ask({ model, prompt: 'second cached question [[sim:cached=40]]', stream: false, cacheSystem: system });
    assert.equal(second.usage.cachedRead, upstream.simulatesPromptCache ? first.usage.cacheWrite : 40);
    assert.ok(second.usage.prompt > second.usage.cachedRead, 'prompt tokens include the cached ones');
    assertPriced(second, upstream.prices);
    assert.ok(second.usage.cost < expectedCost({ ...second.usage, cachedRead: 0, cacheWrite: 0 }, upstream.prices), 'cache reads are cheaper');
  },
};

for (const upstream of MATRIX_UPSTREAMS) {
  describe(`conformance: upstream ${upstream.name}`, () => {
    let stack: TestStack;
    let running: RunningUpstream;
    const model = `matrix/${upstream.name}`;
    const drivers: InboundDriver[] = [];
    before(async () => {
      running = await upstream.start();
      stack = await startTestStack({
        config: {
          providers: running.providers,
          models: [{ id: model, name: `Matrix ${upstream.name}`, context_length: 200000, endpoints: [{ provider: running.provider, model: running.upstreamModel, pricing: upstream.prices }] }],
        },
      });
      drivers.push(openAIChatDriver(stack), anthropicMessagesDriver(stack), openAIResponsesDriver(stack));
    });
    after(async () => {
      await stack.close();
      await running.close();
    });

    for (const inbound of ['openai-chat', 'anthropic-messages', 'openai-responses'] as const) {
      for (const [cell, test] of Object.entries(CELLS) as Array<[MatrixCell, CellTest]>) {
        const skip = upstream.skip[cell];
        it(`${inbound} × ${upstream.name} × ${cell}`, { skip }, async () => {
          const driver = drivers.find((candidate) => candidate.name === inbound) as InboundDriver;
          await test({ driver, upstream, running, model });
        });
      }
    }
  });
}
