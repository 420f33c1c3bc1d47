import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { countTextTokens } from '../../sim/shared/count-text-tokens.js';
import { expectedCost, type TokenPrices } from './expected-cost.js';
import { iterateSse, readSse } from './read-sse.js';
import { CLAUDE_SIM_PRICES, startAnthropicStack } from './start-anthropic-stack.js';
import { ECHO_PRICES, startTestStack } from './start-test-stack.js';
import type { BootedTestGateway } from './boot-test-gateway.js';

interface Chunk {
  choices?: Array<{ delta?: { content?: string }; finish_reason?: string | null }>;
  usage?: unknown;
  error?: { code: number; message: string };
}

const UPSTREAMS = {
  openai: { name: 'OpenAI', model: 'sim/echo', prices: ECHO_PRICES as TokenPrices, start: startTestStack },
  anthropic: { name: 'Anthropic', model: 'anthropic/claude-sim', prices: CLAUDE_SIM_PRICES as TokenPrices, start: startAnthropicStack },
};

/**
 * #11.2: what reached the client is billed — a stream the client cancels after some chunks, and
 * a stream that ends in an in-band upstream error after text went out — with the generation's
 * outcome (`cancelled`, `error`) in /generation and /activity, and exactly one charge. Run per
 * upstream protocol (test/e2e/partial-stream-billing-*.test.ts): OpenAI (the byte fast path) and
 * Anthropic (decoded and re-encoded).
 */
export function describePartialStreamBilling(protocol: keyof typeof UPSTREAMS): void {
  const upstream = UPSTREAMS[protocol];
  describe(`partial streams are billed for what was delivered (${upstream.name} upstream)`, () => {
    let stack: BootedTestGateway;
    before(async () => {
      stack = await upstream.start();
    });
    after(() => stack.close());

    const stream = (key: string, content: string, signal?: AbortSignal) =>
      fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: upstream.model, stream: true, messages: [{ role: 'user', content }] }),
        signal,
      });
    const admin = async (path: string) => {
      const response = await fetch(`${stack.baseURL}${path}`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
      assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
      return ((await response.json()) as { data: any }).data;
    };
    /** The generation once it was recorded (records are written in batches, shortly after). */
    const generation = async (id: string): Promise<Record<string, any>> => {
      for (let attempt = 0; attempt < 60; attempt += 1) {
        const response = await fetch(`${stack.baseURL}/generation?id=${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
        if (response.status === 200) return ((await response.json()) as { data: Record<string, any> }).data;
        await sleep(50);
      }
      assert.fail(`generation ${id} was never recorded`);
    };
    /** Every charge to the key, once the ledger has it: /keys usage (settled spend only). */
    const keyUsage = async (hash: string) => (await admin(`/keys/${hash}`)).usage as number;

    it('a client that aborts after 5 chunks is billed for the delivered text and the prompt, recorded cancelled', async () => {
      const { key, data } = await stack.createKey({ name: `cancel ${upstream.name}` });
      const controller = new AbortController();
      const response = await stream(key, 'please keep talking [[sim:words=300 chunk_delay=15]]', controller.signal);
      assert.equal(response.status, 200);
      const id = response.headers.get('x-generation-id')!;
      let received = '';
      let chunks = 0;
      try {
        for await (const item of iterateSse(response.body!)) {
          if (item.type !== 'data') continue;
          received += ((JSON.parse(item.data) as Chunk).choices ?? []).map((choice) => choice.delta?.content ?? '').join('');
          if (++chunks === 5) controller.abort();
        }
      } catch {
        // the abort rejects the pending read
      }
      assert.ok(received.length > 0, 'text reached the client before the abort');

      const record = await generation(id);
      assert.equal(record.cancelled, true);
      assert.equal(record.outcome, 'cancelled');
      assert.ok(record.tokens_prompt > 0, `prompt tokens ${record.tokens_prompt}`);
      // At least what the client read, far less than the 300 words it did not wait for.
      assert.ok(record.tokens_completion >= countTextTokens(received), `${record.tokens_completion} < what the client read (${countTextTokens(received)})`);
      assert.ok(record.tokens_completion < 200, `billed ${record.tokens_completion} completion tokens, not the whole reply`);
      assert.ok(record.total_cost > 0);
      assert.equal(record.total_cost, expectedCost({ prompt: record.tokens_prompt, completion: record.tokens_completion }, upstream.prices));

      // Charged exactly once, and it stays so (nothing settles again later).
      assert.equal(await keyUsage(data.hash as string), record.total_cost);
      await sleep(300);
      assert.equal(await keyUsage(data.hash as string), record.total_cost);
      const [row] = await admin(`/activity?api_key_hash=${data.hash}`);
      assert.equal(row.requests, 1);
      assert.equal(row.cancelled_requests, 1);
      assert.equal(row.error_requests, 0);
      assert.equal(row.completion_tokens, record.tokens_completion);
      assert.equal(row.usage, record.total_cost);
    });

    it('a stream that ends in an in-band upstream error after text is billed for that text, recorded error', async () => {
      const { key, data } = await stack.createKey({ name: `error ${upstream.name}` });
      const response = await stream(key, 'one two three four five six seven eight [[sim:error_after=4]]');
      const id = response.headers.get('x-generation-id')!;
      const transcript = await readSse(response);
      const chunks = transcript.chunks as unknown as Chunk[];
      const delivered = chunks.flatMap((chunk) => chunk.choices ?? []).map((choice) => choice.delta?.content ?? '').join('');
      assert.ok(delivered.length > 0, 'text was delivered before the error');
      const failure = chunks.find((chunk) => chunk.error);
      assert.ok(failure, `an in-band error chunk: ${JSON.stringify(chunks)}`);

      const record = await generation(id);
      assert.equal(record.cancelled, false);
      assert.equal(record.outcome, 'error');
      assert.equal(record.finish_reason, 'error');
      assert.equal(record.status, failure.error!.code);
      // No usage came: the delivered text is counted with billing's estimator (o200k, as the simulator counts).
      assert.equal(record.tokens_completion, countTextTokens(delivered));
      assert.ok(record.tokens_prompt > 0);
      assert.equal(record.total_cost, expectedCost({ prompt: record.tokens_prompt, completion: record.tokens_completion }, upstream.prices));
      assert.ok(record.total_cost > 0);

      assert.equal(await keyUsage(data.hash as string), record.total_cost);
      const [row] = await admin(`/activity?api_key_hash=${data.hash}`);
      assert.equal(row.requests, 1);
      assert.equal(row.error_requests, 1);
      assert.equal(row.cancelled_requests, 0);
    });

    it('a completed stream is billed from the upstream usage and recorded completed', async () => {
      const { key, data } = await stack.createKey({ name: `complete ${upstream.name}` });
      const response = await stream(key, 'all the way to the end');
      const id = response.headers.get('x-generation-id')!;
      const transcript = await readSse(response);
      const usage = (transcript.chunks as unknown as Chunk[]).find((chunk) => chunk.usage)?.usage as { prompt_tokens: number; completion_tokens: number; cost: number };
      assert.ok(usage);
      const record = await generation(id);
      assert.equal(record.outcome, 'completed');
      assert.equal(record.tokens_completion, usage.completion_tokens);
      assert.equal(record.total_cost, usage.cost);
      assert.equal(await keyUsage(data.hash as string), usage.cost);
      const [row] = await admin(`/activity?api_key_hash=${data.hash}`);
      assert.deepEqual([row.requests, row.cancelled_requests, row.error_requests], [1, 0, 0]);
    });
  });
}
