import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamPart } from '../../core/canonical/stream-part.js';
import { OpenAIChatStreamDecoder } from './openai-chat-stream.js';

function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: null }], ...extra };
}

function decodeAll(chunks: Array<Record<string, unknown>>): StreamPart[] {
  const decoder = new OpenAIChatStreamDecoder();
  return chunks.flatMap((item) => decoder.decode(item));
}

describe('OpenAIChatStreamDecoder', () => {
  it('starts with response-start once, and a role-only chunk adds nothing else', () => {
    const decoder = new OpenAIChatStreamDecoder();
    assert.deepEqual(decoder.decode(chunk({ role: 'assistant', content: '' })), [{ type: 'response-start', upstreamId: 'chatcmpl-1' }]);
    assert.deepEqual(decoder.decode(chunk({ role: 'assistant' })), []);
  });

  it('uses a null upstream id when the first chunk has none', () => {
    assert.deepEqual(new OpenAIChatStreamDecoder().decode({ choices: [] }), [{ type: 'response-start', upstreamId: null }]);
  });

  it('emits text deltas in order', () => {
    const parts = decodeAll([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' })]);
    assert.deepEqual(parts.slice(1), [
      { type: 'text-delta', choice: 0, text: 'Hel' },
      { type: 'text-delta', choice: 0, text: 'lo' },
    ]);
  });

  it('emits reasoning from reasoning and from reasoning_content, before text in the same chunk', () => {
    const details = [{ type: 'reasoning.text', text: 'a' }];
    const parts = decodeAll([
      chunk({ reasoning: 'think', reasoning_details: details }),
      chunk({ reasoning_content: 'more' }),
      chunk({ reasoning: 'done', content: 'Answer' }),
    ]);
    assert.deepEqual(parts.slice(1), [
      { type: 'reasoning-delta', choice: 0, text: 'think', details },
      { type: 'reasoning-delta', choice: 0, text: 'more', details: undefined },
      { type: 'reasoning-delta', choice: 0, text: 'done', details: undefined },
      { type: 'text-delta', choice: 0, text: 'Answer' },
    ]);
  });

  it('emits reasoning details without text', () => {
    const details = [{ type: 'reasoning.encrypted', data: 'xyz' }];
    const parts = decodeAll([chunk({ reasoning: null, reasoning_details: details })]);
    assert.deepEqual(parts.slice(1), [{ type: 'reasoning-delta', choice: 0, text: '', details }]);
  });

  it('streams two parallel tool calls: start then argument deltas, in arrival order', () => {
    const parts = decodeAll([
      chunk({ role: 'assistant', content: null }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"tz"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: ':"CET"}' } }] }),
      { id: 'chatcmpl-1', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ]);
    assert.deepEqual(parts, [
      { type: 'response-start', upstreamId: 'chatcmpl-1' },
      { type: 'tool-call-start', choice: 0, index: 0, id: 'call_a', name: 'get_weather' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'call_b', name: 'get_time' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{"tz"' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: ':"CET"}' },
      { type: 'finish', choice: 0, finishReason: 'tool_calls', nativeFinishReason: 'tool_calls' },
    ]);
  });

  it('starts two tool calls sent in one chunk', () => {
    const parts = decodeAll([
      chunk({
        tool_calls: [
          { index: 0, id: 'call_a', function: { name: 'a', arguments: '{}' } },
          { index: 1, id: 'call_b', function: { name: 'b', arguments: '{}' } },
        ],
      }),
    ]);
    assert.deepEqual(parts.slice(1), [
      { type: 'tool-call-start', choice: 0, index: 0, id: 'call_a', name: 'a' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{}' },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'call_b', name: 'b' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{}' },
    ]);
  });

  it('invents an id for a tool call that has a name but no id', () => {
    const parts = decodeAll([chunk({ tool_calls: [{ index: 2, function: { name: 'f' } }] })]);
    assert.deepEqual(parts.slice(1), [{ type: 'tool-call-start', choice: 0, index: 2, id: 'call_2', name: 'f' }]);
  });

  it('emits finish with the normalised and native reason', () => {
    const parts = decodeAll([{ id: 'x', choices: [{ index: 0, delta: { content: 'end' }, finish_reason: 'length' }] }]);
    assert.deepEqual(parts.slice(1), [
      { type: 'text-delta', choice: 0, text: 'end' },
      { type: 'finish', choice: 0, finishReason: 'length', nativeFinishReason: 'length' },
    ]);
  });

  it('emits usage from the final usage chunk (empty choices)', () => {
    const parts = decodeAll([
      chunk({ content: 'hi' }),
      {
        id: 'chatcmpl-1',
        choices: [],
        usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 1 } },
      },
    ]);
    assert.deepEqual(parts.at(-1), {
      type: 'usage',
      tokens: { promptTokens: 9, completionTokens: 3, cachedReadTokens: 4, cacheWriteTokens: 0, reasoningTokens: 1 },
    });
    assert.equal(parts.filter((part) => part.type === 'usage').length, 1);
  });

  it('treats a null usage as no usage', () => {
    const parts = decodeAll([{ id: 'x', choices: [], usage: null }]);
    assert.deepEqual(parts, [{ type: 'response-start', upstreamId: 'x' }]);
  });

  it('keeps choices apart by index', () => {
    const parts = decodeAll([
      { id: 'x', choices: [{ index: 0, delta: { content: 'a' } }, { index: 1, delta: { content: 'b' } }] },
      { id: 'x', choices: [{ index: 1, delta: { tool_calls: [{ index: 0, id: 'c1', function: { name: 'f' } }] } }] },
      { id: 'x', choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'c0', function: { name: 'g' } }] } }] },
    ]);
    assert.deepEqual(parts.slice(1), [
      { type: 'text-delta', choice: 0, text: 'a' },
      { type: 'text-delta', choice: 1, text: 'b' },
      { type: 'tool-call-start', choice: 1, index: 0, id: 'c1', name: 'f' },
      { type: 'tool-call-start', choice: 0, index: 0, id: 'c0', name: 'g' },
    ]);
  });
});
