import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const perM = (usd: number) => ({ prompt: (usd / 1e6).toFixed(9), completion: (usd / 1e6).toFixed(9) });
const model = (id: string, upstream: string, usd: number) => ({ id, context_length: 32000, endpoints: [{ provider: 'sim-a', model: upstream, pricing: perM(usd) }] });

describe('auto router (openrouter/auto)', () => {
  let stack: TestStack;
  let client: OpenAI;
  before(async () => {
    stack = await startTestStack({
      config: {
        models: [model('tier/small', 'small-1', 0.1), model('tier/small-b', 'small-2', 0.2), model('tier/medium', 'medium-1', 1), model('tier/large', 'large-1', 5)],
        routing: {
          auto_router: {
            tiers: [
              { name: 'small', models: ['tier/small-b', 'tier/small'] },
              { name: 'medium', models: ['tier/medium'] },
              { name: 'large', models: ['tier/large'] },
            ],
          },
        },
      },
    });
    client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0, defaultHeaders: { 'X-OpenRouter-Metadata': 'enabled' } });
  });
  after(() => stack.close());

  const auto = (content: string, extra: Record<string, unknown> = {}) =>
    client.chat.completions.create({ model: 'openrouter/auto', messages: [{ role: 'user', content }], ...extra } as never) as unknown as Promise<{
      model: string;
      choices: Array<{ message: { content: string } }>;
      openrouter_metadata: { strategy: string; pipeline: Array<{ name: string; data: { task_type: string; difficulty: string; tier: string; reason: string } }> };
    }>;

  it('an easy question goes to the cheapest small model; the reason is in the metadata', async () => {
    const reply = await auto("What's the capital of Australia?");
    assert.equal(reply.model, 'tier/small');
    assert.equal(reply.choices[0]?.message.content, "Echo: What's the capital of Australia?");
    assert.equal(reply.openrouter_metadata.strategy, 'auto');
    const step = reply.openrouter_metadata.pipeline.find((entry) => entry.name === 'auto-router');
    assert.equal(step?.data.task_type, 'chat');
    assert.equal(step?.data.difficulty, 'easy');
    assert.match(step?.data.reason ?? '', /cheapest eligible model of tier "small"/);
  });

  it('a hard coding task goes to the large tier; a medium one to the medium tier', async () => {
    const hard = await auto('Implement a thread-safe LRU cache in Rust with O(1) get and put, and explain how you avoid race conditions under heavy concurrency.');
    assert.equal(hard.model, 'tier/large');
    const medium = await auto('Compare PostgreSQL and MySQL for a small web shop and recommend one, explaining the trade-offs.');
    assert.equal(medium.model, 'tier/medium');
  });

  it('the auto-router plugin: allowed_models, excluded_models (wildcards) and cost_tier', async () => {
    const plugins = (settings: Record<string, unknown>) => ({ plugins: [{ id: 'auto-router', ...settings }] });
    assert.equal((await auto('Hello there!', plugins({ allowed_models: ['tier/medium', 'tier/large'] }))).model, 'tier/medium');
    assert.equal((await auto('Hello there!', plugins({ excluded_models: ['tier/small*'] }))).model, 'tier/medium');
    assert.equal((await auto('Hello there!', plugins({ cost_tier: 'high' }))).model, 'tier/large');
    const refused = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openrouter/auto', messages: [{ role: 'user', content: 'hi' }], ...plugins({ allowed_models: ['nope/*'] }) }),
    });
    assert.equal(refused.status, 404);
    assert.equal(((await refused.json()) as { error: { message: string } }).error.message, 'No models match your request and model restrictions');
  });

  it('when the chosen model fails, the next cheapest answers and is the response model', async () => {
    stack.sim.setKeyFault('sk-sim-a', ({ body }) => (body.model === 'small-1' ? { status: 503 } : undefined));
    const reply = await auto('Tell me a fun fact about octopuses.');
    assert.equal(reply.model, 'tier/small-b');
    stack.sim.reset();
  });
});
