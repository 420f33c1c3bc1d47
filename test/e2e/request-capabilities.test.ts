import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

/** A model with a small context, so middle-out has something to do. */
const SMALL = { id: 'sim/small', name: 'Sim: Small', context_length: 300, endpoints: [{ provider: 'sim-a', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }] };

/** A conversation of `turns` user/assistant pairs (~40 tokens each) before a final question. */
function longConversation(turns: number): OpenAI.Chat.ChatCompletionMessageParam[] {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are terse.' }];
  for (let turn = 0; turn < turns; turn += 1) {
    messages.push({ role: 'user', content: `Question ${turn}: ${'tell me about trains and stations '.repeat(4)}` });
    messages.push({ role: 'assistant', content: `Answer ${turn}: ${'rails and sleepers and signals '.repeat(4)}` });
  }
  messages.push({ role: 'user', content: 'FINAL QUESTION' });
  return messages;
}

describe('no silent acceptance: unsupported OpenRouter inputs are refused by name; middle-out is implemented', () => {
  let stack: TestStack;
  let client: OpenAI;

  before(async () => {
    stack = await startTestStack({ extraModels: [SMALL] });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(() => stack.close());

  /** Sends a chat request and returns the 400 it must fail with. */
  async function refused(body: Record<string, unknown>): Promise<InstanceType<typeof OpenAI.BadRequestError>> {
    const before = stack.sim.requests.length;
    const error = await client.chat.completions
      .create({ model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }], ...body } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming)
      .then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.BadRequestError, `expected a 400, got ${String(error)}`);
    assert.equal(stack.sim.requests.length, before, 'nothing reached the provider');
    return error;
  }

  it('refuses the :online, :exacto and :extended suffixes, naming the suffix and what is supported', async () => {
    for (const suffix of ['online', 'exacto', 'extended']) {
      const error = await refused({ model: `sim/echo:${suffix}` });
      assert.match(error.message, new RegExp(`:${suffix} model variant is not supported`));
      assert.match(error.message, /:free, :nitro, :floor, :thinking/);
    }
  });

  it('serves :extended when the catalog lists the long-context variant itself', async () => {
    const extended = await startTestStack({ extraModels: [{ ...SMALL, id: 'sim/small:extended', context_length: 100_000 }] });
    try {
      const sdk = new OpenAI({ apiKey: extended.apiKey, baseURL: extended.baseURL, maxRetries: 0 });
      const completion = await sdk.chat.completions.create({ model: 'sim/small:extended', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(completion.model, 'sim/small:extended');
    } finally {
      await extended.close();
    }
  });

  it('refuses unknown plugins, transforms, route "sort", presets and debug, naming the field', async () => {
    assert.match((await refused({ plugins: [{ id: 'web' }] })).message, /"web" plugin is not supported.*auto-router, context-compression/);
    assert.match((await refused({ plugins: [{ id: 'context-compression', engine: 'summarize' }] })).message, /engine "summarize" is not supported/);
    assert.match((await refused({ transforms: ['compress-all'] })).message, /"compress-all" transform is not supported.*middle-out/);
    assert.match((await refused({ route: 'sort' })).message, /route "sort" is not supported/);
    assert.match((await refused({ preset: 'my-preset' })).message, /Presets are not supported/);
    assert.match((await refused({ debug: { echo_upstream_body: true } })).message, /debug .* not supported/);
    assert.match((await refused({ stop_server_tools_when: [{ type: 'step_count', value: 2 }] })).message, /stop_server_tools_when is not supported/);
  });

  it('accepts a disabled plugin and route "fallback" (the default behaviour)', async () => {
    const completion = await client.chat.completions.create({
      model: 'sim/echo',
      messages: [{ role: 'user', content: 'hi' }],
      plugins: [{ id: 'web', enabled: false }],
      route: 'fallback',
    } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
  });

  it('middle-out drops messages from the middle until the prompt fits the context (transforms and plugin)', async () => {
    const messages = longConversation(12);
    for (const extra of [{ transforms: ['middle-out'] }, { plugins: [{ id: 'context-compression' }] }]) {
      const completion = await client.chat.completions.create({ model: 'sim/small', messages, max_tokens: 20, ...extra } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
      assert.equal(completion.choices[0]?.finish_reason, 'stop');
      const sent = (stack.sim.requests.at(-1)?.body as { messages: Array<{ role: string; content: string }> }).messages;
      assert.ok(sent.length < messages.length, `some messages were dropped (${sent.length} of ${messages.length})`);
      assert.ok(sent.length >= 3, 'system, at least one earlier turn and the last message remain');
      assert.equal(sent[0]?.content, 'You are terse.', 'the system prompt is kept');
      assert.equal(sent.at(-1)?.content, 'FINAL QUESTION', 'the last message is kept');
      assert.match(sent[1]?.content ?? '', /^Question 0:/, 'the start of the conversation is kept');
      assert.ok(!sent.some((message) => message.content.startsWith('Question 6:')), 'the middle went first');
      assert.ok(completion.usage!.prompt_tokens + 20 <= SMALL.context_length, `prompt ${completion.usage!.prompt_tokens} fits`);
    }
  });

  it('reasoning.exclude (and include_reasoning: false) returns no reasoning but bills its tokens, streamed or not', async () => {
    const ask = (extra: Record<string, unknown>) => ({ model: 'sim/echo', messages: [{ role: 'user', content: 'think [[sim:reasoning=6]]' }], ...extra });
    const shown = await client.chat.completions.create(ask({}) as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
    assert.ok((shown.choices[0]?.message as { reasoning?: string }).reasoning, 'reasoning is returned by default');
    for (const extra of [{ reasoning: { exclude: true } }, { include_reasoning: false }]) {
      const hidden = await client.chat.completions.create(ask(extra) as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
      assert.equal((hidden.choices[0]?.message as { reasoning?: string }).reasoning, undefined);
      assert.match(hidden.choices[0]?.message.content ?? '', /Echo: think/);
      assert.equal(hidden.usage?.completion_tokens_details?.reasoning_tokens, 6, 'reasoning tokens are still counted');
      const stream = await client.chat.completions.create({ ...ask(extra), stream: true } as OpenAI.Chat.ChatCompletionCreateParamsStreaming);
      let reasoning = '';
      let content = '';
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta as { reasoning?: string; content?: string } | undefined;
        reasoning += delta?.reasoning ?? '';
        content += delta?.content ?? '';
        usage = chunk.usage ?? usage;
      }
      assert.equal(reasoning, '', 'no reasoning delta streamed');
      assert.match(content, /Echo: think/);
      assert.equal(usage?.completion_tokens_details?.reasoning_tokens, 6);
    }
  });

  it('middle-out is on by default for small contexts (≤ 8k) and off with transforms: [] or a disabled plugin', async () => {
    const messages = longConversation(12);
    const sentCount = () => (stack.sim.requests.at(-1)?.body as { messages: unknown[] }).messages.length;
    await client.chat.completions.create({ model: 'sim/small', messages, max_tokens: 20 });
    assert.ok(sentCount() < messages.length, 'compressed by default on a 300-token context');
    for (const off of [{ transforms: [] }, { plugins: [{ id: 'context-compression', enabled: false }] }]) {
      await client.chat.completions.create({ model: 'sim/small', messages, max_tokens: 20, ...off } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
      assert.equal(sentCount(), messages.length, `sent whole with ${JSON.stringify(off)}`);
    }
    // sim/echo has 32k of context: not on by default there.
    await client.chat.completions.create({ model: 'sim/echo', messages: longConversation(40), max_tokens: 20 });
    assert.equal(sentCount(), longConversation(40).length);
  });
});
