import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { chatRequestSchema, completionRequestSchema } from './chat-request-schema.js';
import { parseWithSchema } from './parse-with-schema.js';

const messages = [{ role: 'user', content: 'Hello' }];

function parse(body: unknown) {
  return parseWithSchema(chatRequestSchema, body);
}

function rejects(body: unknown, ...fragments: string[]): void {
  assert.throws(
    () => parse(body),
    (error: unknown) => {
      assert.ok(error instanceof InvalidRequestError, String(error));
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_request');
      for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" should mention ${fragment}`);
      return true;
    },
  );
}

describe('chatRequestSchema via parseWithSchema', () => {
  it('accepts a minimal body', () => {
    assert.deepEqual(parse({ model: 'openai/gpt-4o', messages }), { model: 'openai/gpt-4o', messages });
  });

  it('accepts a full OpenRouter body and keeps unknown fields, top-level and nested', () => {
    const body = {
      model: 'openai/gpt-4o',
      models: ['anthropic/claude-3.5-sonnet'],
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Dev note' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?', cache_control: { type: 'ephemeral' } }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{}' } }], reasoning: 'hmm' },
        { role: 'tool', tool_call_id: 'call_1', content: 'a cat', extra_message_field: 1 },
      ],
      stream: true,
      max_tokens: 100,
      temperature: 0,
      top_p: 1,
      top_k: 0,
      frequency_penalty: -2,
      presence_penalty: 2,
      seed: -5,
      n: 1,
      stop: ['\n\n'],
      tools: [{ type: 'function', function: { name: 'look', parameters: {} } }],
      tool_choice: { type: 'function', function: { name: 'look' } },
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } },
      provider: { order: ['openai'], allow_fallbacks: false, sort: 'price', max_price: { prompt: 1 } },
      reasoning: { effort: 'high', summary: 'auto' },
      plugins: [{ id: 'web' }],
      logit_bias: { '1': 2 },
      user: 'u-1',
      session_id: 's-1',
      some_future_field: { a: [1] },
    };
    assert.deepEqual(parse(body), body);
  });

  it('accepts temperature at both ends of its range and the tool_choice strings', () => {
    for (const temperature of [0, 2, 0.7]) assert.equal(parse({ messages, temperature }).temperature, temperature);
    for (const tool_choice of ['none', 'auto', 'required']) assert.equal(parse({ messages, tool_choice }).tool_choice, tool_choice);
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, undefined, 'text', 42, [messages]]) rejects(body, 'JSON object');
  });

  it('rejects missing, empty or malformed messages', () => {
    rejects({ model: 'x/y' }, 'messages');
    rejects({ model: 'x/y', messages: [] }, 'messages', 'at least one message');
    rejects({ model: 'x/y', messages: 'hello' }, 'messages');
    rejects({ model: 'x/y', messages: ['hello'] }, 'messages[0]');
  });

  it('names the message path of a wrong role', () => {
    rejects({ messages: [{ role: 'robot', content: 'hi' }] }, 'messages[0].role');
    rejects({ messages: [{ role: 'user', content: 'ok' }, { content: 'no role' }] }, 'messages[1].role');
  });

  it('names deeper paths too', () => {
    rejects({ messages: [{ role: 'user', content: 42 }] }, 'messages[0].content');
    rejects({ messages: [{ role: 'user', content: [{ text: 'no type' }] }] }, 'messages[0].content');
    rejects(
      { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: {} } }] }] },
      'messages[0].tool_calls[0].function.arguments',
    );
    rejects({ messages, provider: { order: 'openai' } }, 'provider.order');
  });

  it('validates every known field of the provider object', () => {
    rejects({ messages, provider: { sort: 'fastest' } }, 'provider.sort');
    rejects({ messages, provider: { sort: { by: 'price', partition: 'all' } } }, 'provider.sort');
    rejects({ messages, provider: { quantizations: ['fp9'] } }, 'provider.quantizations[0]');
    rejects({ messages, provider: { max_price: { prompt: -1 } } }, 'provider.max_price.prompt');
    rejects({ messages, provider: { max_price: { prompt: 'cheap' } } }, 'provider.max_price.prompt');
    rejects({ messages, provider: { max_price: { tokens: 1 } } }, 'provider.max_price');
    rejects({ messages, provider: { preferred_min_throughput: -5 } }, 'provider.preferred_min_throughput');
    rejects({ messages, provider: { preferred_max_latency: { p95: 1 } } }, 'provider.preferred_max_latency');
    rejects({ messages, provider: { require_parameters: 'yes' } }, 'provider.require_parameters');
    rejects({ messages, provider: { only: [''] } }, 'provider.only[0]');
    const ok = { sort: { by: 'throughput', partition: 'none' }, max_price: { prompt: '1.5', completion: 2 }, preferred_max_latency: { p90: 2 }, quantizations: ['fp8'], future_field: 1 };
    assert.deepEqual(parse({ messages, provider: ok }).provider, ok);
  });

  it('rejects temperature and other numbers out of range', () => {
    rejects({ messages, temperature: 2.5 }, 'temperature');
    rejects({ messages, temperature: -0.1 }, 'temperature');
    rejects({ messages, temperature: '0.5' }, 'temperature');
    rejects({ messages, top_p: 0 }, 'top_p');
    rejects({ messages, max_tokens: 0 }, 'max_tokens');
    rejects({ messages, max_tokens: 1.5 }, 'max_tokens');
    rejects({ messages, frequency_penalty: 3 }, 'frequency_penalty');
    rejects({ messages, n: 2 }, 'n', 'not supported');
    rejects({ messages, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop');
  });

  it('rejects wrong types for model, stream and session_id', () => {
    rejects({ model: '', messages }, 'model');
    rejects({ model: 42, messages }, 'model');
    rejects({ messages, stream: 'yes' }, 'stream');
    rejects({ messages, session_id: 'x'.repeat(257) }, 'session_id');
  });

  it('reports several problems in one message, at most five', () => {
    assert.throws(
      () => parse({ messages: [], temperature: 9, top_p: 9, max_tokens: -1, n: 5, seed: 'x', stream: 1 }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidRequestError);
        assert.match(error.message, /^Invalid request: /);
        assert.equal(error.message.split('; ').length, 5);
        return true;
      },
    );
  });
});

describe('completionRequestSchema', () => {
  it('takes a prompt instead of messages', () => {
    assert.deepEqual(parseWithSchema(completionRequestSchema, { model: 'x/y', prompt: 'Once upon' }), { model: 'x/y', prompt: 'Once upon' });
    assert.throws(() => parseWithSchema(completionRequestSchema, { model: 'x/y', prompt: ['a', 'b'] }), /prompt/);
    assert.throws(() => parseWithSchema(completionRequestSchema, { model: 'x/y' }), /prompt/);
  });
});
