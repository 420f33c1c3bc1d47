import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI, { AzureOpenAI } from 'openai';
import { withOpenAISimulator as withSim } from './with-openai-simulator.js';

const LIMIT = { timeout: 5000 };
const VERSION = '2024-10-21';

function azureClient(endpoint: string, apiKey = 'azure-key'): AzureOpenAI {
  return new AzureOpenAI({ endpoint, apiKey, apiVersion: VERSION, deployment: 'gpt-4o-deploy', maxRetries: 0, timeout: 4000 });
}

test('Azure mode: deployment URL, api-key auth and filter results, with the AzureOpenAI client', LIMIT, async () => {
  await withSim(async (sim) => {
    const client = azureClient(sim.azureEndpoint);
    const reply = await client.chat.completions.create({ model: 'ignored', messages: [{ role: 'user', content: 'Hello Azure' }] });
    assert.equal(reply.choices[0]?.message.content, 'Echo: Hello Azure');
    assert.equal(reply.model, 'gpt-4o-deploy');
    const extra = reply as unknown as { prompt_filter_results: Array<{ prompt_index: number }>; choices: Array<{ content_filter_results: unknown }> };
    assert.equal(extra.prompt_filter_results[0]?.prompt_index, 0);
    assert.ok(extra.choices[0]?.content_filter_results);
    const seen = sim.requests[0];
    assert.equal(seen?.path, '/openai/deployments/gpt-4o-deploy/chat/completions');
    assert.equal(seen?.headers['api-key'], 'azure-key');
    assert.equal(seen?.headers.authorization, undefined);
  });
});

test('Azure mode stream: first chunk has empty choices and prompt_filter_results', LIMIT, async () => {
  await withSim(async (sim) => {
    const stream = await azureClient(sim.azureEndpoint).chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'one two three' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: Array<Record<string, unknown>> = [];
    for await (const chunk of stream) chunks.push(chunk as unknown as Record<string, unknown>);
    assert.deepEqual(chunks[0]?.choices, []);
    assert.equal(chunks[0]?.id, '');
    assert.ok(chunks[0]?.prompt_filter_results);
    const text = chunks.map((chunk) => (chunk.choices as Array<{ delta?: { content?: string } }>)[0]?.delta?.content ?? '').join('');
    assert.equal(text, 'Echo: one two three');
    assert.ok((chunks.at(-1)?.usage as { total_tokens: number }).total_tokens > 0);
  });
});

test('Azure mode: content filter 400, finish_reason content_filter, missing api-version and key', LIMIT, async () => {
  await withSim(async (sim) => {
    const client = azureClient(sim.azureEndpoint);
    await assert.rejects(
      client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'bad [[sim:content_filter=1]]' }] }),
      (error: unknown) => {
        assert.ok(error instanceof OpenAI.BadRequestError);
        assert.equal(error.code, 'content_filter');
        const inner = (error.error as { innererror?: { content_filter_result?: { jailbreak?: { filtered?: boolean } } } }).innererror;
        assert.equal(inner?.content_filter_result?.jailbreak?.filtered, true);
        return true;
      },
    );
    const filtered = await client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hm [[sim:finish=content_filter]]' }] });
    assert.equal(filtered.choices[0]?.finish_reason, 'content_filter');
    const noVersion = await fetch(`${sim.azureEndpoint}/openai/deployments/d/chat/completions`, {
      method: 'POST',
      headers: { 'api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(noVersion.status, 404);
    const bearerOnly = await fetch(`${sim.azureEndpoint}/openai/deployments/d/chat/completions?api-version=${VERSION}`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(bearerOnly.status, 401);
  });
});

test('Azure v1 API path takes the deployment from the body', LIMIT, async () => {
  await withSim(async (sim) => {
    const client = new OpenAI({ baseURL: `${sim.azureEndpoint}/openai/v1`, apiKey: 'unused', defaultHeaders: { 'api-key': 'azure-key' }, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'my-deploy', messages: [{ role: 'user', content: 'v1' }] });
    assert.equal(reply.model, 'my-deploy');
    assert.equal(sim.requests[0]?.path, '/openai/v1/chat/completions');
  });
});
