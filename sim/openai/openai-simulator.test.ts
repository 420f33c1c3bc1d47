import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';
import { withOpenAISimulator as withSim } from './with-openai-simulator.js';

const LIMIT = { timeout: 5000 };

test('non-stream chat echoes the last user message with realistic usage', LIMIT, async () => {
  await withSim(async (sim, client) => {
    const reply = await client.chat.completions.create({
      model: 'my-model',
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Hello there, simulator! [[sim:cached=4]]' },
      ],
    });
    assert.match(reply.id, /^chatcmpl-/);
    assert.equal(reply.object, 'chat.completion');
    assert.equal(reply.model, 'my-model');
    assert.ok(reply.system_fingerprint);
    assert.equal(reply.choices[0]?.message.content, 'Echo: Hello there, simulator!');
    assert.equal(reply.choices[0]?.finish_reason, 'stop');
    const usage = reply.usage!;
    assert.ok(usage.prompt_tokens > 10);
    assert.equal(usage.completion_tokens, 7);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.equal(usage.prompt_tokens_details?.cached_tokens, 4);
    assert.equal(usage.completion_tokens_details?.reasoning_tokens, 0);
    assert.equal(sim.requests.length, 1);
    assert.equal(sim.requests[0]?.path, '/v1/chat/completions');
    assert.equal((sim.requests[0]?.body as { model: string }).model, 'my-model');
    assert.equal(sim.requests[0]?.headers.authorization, 'Bearer sk-test');
  });
});

test('streaming chat sends role, word deltas, finish, usage chunk and [DONE]', LIMIT, async () => {
  await withSim(
    async (_sim, client) => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'one two three four [[sim:reasoning=6]]' }],
      });
      const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
      const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
      assert.equal(text, 'Echo: one two three four');
      assert.ok(chunks.filter((c) => c.choices[0]?.delta.content).length >= 5, 'content split in several chunks');
      const reasoning = chunks.map((c) => (c.choices[0]?.delta as { reasoning?: string } | undefined)?.reasoning ?? '').join('');
      assert.ok(reasoning.length > 0, 'reasoning deltas streamed');
      const finish = chunks.find((c) => c.choices[0]?.finish_reason);
      assert.equal(finish?.choices[0]?.finish_reason, 'stop');
      const last = chunks.at(-1)!;
      assert.deepEqual(last.choices, []);
      assert.equal(last.usage?.completion_tokens_details?.reasoning_tokens, 6);
      assert.equal(new Set(chunks.map((c) => c.id)).size, 1);
    },
    { chunkDelayMs: 1 },
  );
});

test('streaming without include_usage has no usage chunk', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const stream = await client.chat.completions.create({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: '[[sim:words=50 finish=length]] go' }],
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.every((c) => c.choices.length === 1 && !c.usage));
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    assert.equal(text.split(' ').length, 50);
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'length');
  });
});

test('legacy completions, plain and streamed', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const reply = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test' });
    assert.equal(reply.object, 'text_completion');
    assert.equal(reply.choices[0]?.text, 'Echo: Say this is a test');
    assert.ok(reply.usage && reply.usage.prompt_tokens > 0);
    const stream = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'stream me please',
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      usage = chunk.usage ?? usage;
    }
    assert.equal(text, 'Echo: stream me please');
    assert.equal(usage?.completion_tokens, 5);
  });
});

test('429 with retry_after surfaces as RateLimitError with Retry-After', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const err = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi [[sim:status=429 retry_after=2]]' }] })
      .catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.RateLimitError);
    assert.equal(err.status, 429);
    assert.equal(err.code, 'rate_limit_exceeded');
    assert.equal(err.headers?.get('retry-after'), '2');
    assert.match(err.message, /Rate limit reached for gpt-4o/);
  });
});

test('enqueued 500 → InternalServerError, then the next request succeeds', LIMIT, async () => {
  await withSim(async (sim, client) => {
    sim.enqueueFault({ status: 500 });
    const err = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.InternalServerError);
    assert.equal(err.status, 500);
    assert.equal((err.error as { type?: string }).type, 'server_error');
    const ok = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(ok.choices[0]?.message.content, 'Echo: hi');
  });
});

test('context=1 → BadRequestError with context_length_exceeded', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const err = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'long [[sim:context=1]]' }] })
      .catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(err.code, 'context_length_exceeded');
    assert.match(err.message, /maximum context length is/);
  });
});

test('malformed stream chunk makes the SDK throw', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const stream = await client.chat.completions.create({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'hi there [[sim:malformed=1]]' }],
    });
    await assert.rejects(async () => {
      for await (const _chunk of stream) void _chunk;
    });
  });
});

test('reset → APIConnectionError', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const err = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '[[sim:reset=1]]' }] }).catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.APIConnectionError, String(err));
  });
});

test('cut stream errors after the first chunks', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const stream = await client.chat.completions.create({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'a b c d e f [[sim:cut_after=2]]' }],
    });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    });
    assert.equal(text, 'Echo: a');
  });
});

test('in-band error chunk after N chunks makes the SDK throw an APIError', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const stream = await client.chat.completions.create({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content: 'a b c [[sim:error_after=1]]' }],
    });
    await assert.rejects(async () => {
      for await (const _chunk of stream) void _chunk;
    }, OpenAI.APIError);
  });
});

test('embeddings are deterministic unit vectors (base64 and float)', LIMIT, async () => {
  await withSim(async (_sim, client) => {
    const a = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['hello', 'world'] });
    assert.equal(a.data.length, 2);
    assert.equal(a.data[0]?.embedding.length, 1536);
    const norm = Math.sqrt(a.data[0]!.embedding.reduce((s, v) => s + v * v, 0));
    assert.ok(Math.abs(norm - 1) < 1e-4);
    const b = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello', encoding_format: 'float', dimensions: 1536 });
    assert.ok(b.data[0]!.embedding.every((v, i) => Math.abs(v - a.data[0]!.embedding[i]!) < 1e-6));
    assert.notDeepEqual(a.data[0]?.embedding, a.data[1]?.embedding);
    assert.ok(a.usage.prompt_tokens >= 2);
  });
});
