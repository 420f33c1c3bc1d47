import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamPart } from '../../core/canonical/stream-part.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import type { SseEvent } from '../../core/sse-event.js';
import { anthropicMessagesAdapter } from './anthropic-messages-adapter.js';
import { readAnthropicChunks } from './read-anthropic-fixture.js';

const provider = { id: 'anthropic', name: 'Anthropic' } as Provider;

function decodeAll(events: SseEvent[]): { parts: StreamPart[]; done: boolean } {
  const decoder = anthropicMessagesAdapter.createStreamDecoder(provider);
  const parts: StreamPart[] = [];
  let done = false;
  for (const event of events) {
    const out = decoder.decode(event);
    parts.push(...out.parts);
    done = out.done;
  }
  return { parts, done };
}

describe('Anthropic stream decoder', () => {
  it('decodes a text stream with cache usage, ignoring pings, and ends at message_stop', () => {
    const { parts, done } = decodeAll(readAnthropicChunks('anthropic-text.chunks.txt'));
    assert.equal(done, true);
    assert.deepEqual(parts, [
      { type: 'response-start', upstreamId: 'msg_01GEa8sW7KCKXAhaTxNkv9JB' },
      { type: 'text-delta', choice: 0, text: 'Hello' },
      { type: 'text-delta', choice: 0, text: ', world' },
      { type: 'text-delta', choice: 0, text: '!' },
      { type: 'finish', choice: 0, finishReason: 'stop', nativeFinishReason: 'end_turn' },
      { type: 'usage', tokens: { promptTokens: 1820, completionTokens: 5, cachedReadTokens: 1800, cacheWriteTokens: 0, reasoningTokens: 0 } },
    ]);
  });

  it('streams thinking with its signature, then parallel tool calls with every argument piece in order', () => {
    const { parts } = decodeAll(readAnthropicChunks('anthropic-thinking-tools.chunks.txt'));
    const format = 'anthropic-claude-v1';
    assert.deepEqual(parts, [
      { type: 'response-start', upstreamId: 'msg_01QEZ7ko8Zb3pKTuvSM7yKCB' },
      { type: 'reasoning-delta', choice: 0, text: 'Two cities, ', details: [{ type: 'reasoning.text', text: 'Two cities, ', format, index: 0 }] },
      { type: 'reasoning-delta', choice: 0, text: 'two calls.', details: [{ type: 'reasoning.text', text: 'two calls.', format, index: 0 }] },
      { type: 'reasoning-delta', choice: 0, text: '', details: [{ type: 'reasoning.text', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds', format, index: 0 }] },
      { type: 'text-delta', choice: 0, text: 'Checking both.' },
      { type: 'tool-call-start', choice: 0, index: 0, id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"city": "Pa' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: 'ris", "unit"' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: ': "celsius"}' },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'toolu_01B19r91rx91mr028946mr0', name: 'get_weather' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{"city"' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: ': "Tokyo"}' },
      { type: 'finish', choice: 0, finishReason: 'tool_calls', nativeFinishReason: 'tool_use' },
      // message_delta carries only output_tokens here: input and cache counts come from message_start.
      { type: 'usage', tokens: { promptTokens: 565 + 1024, completionTokens: 148, cachedReadTokens: 0, cacheWriteTokens: 1024, reasoningTokens: 0 } },
    ]);
  });

  it('streams the JSON-output tool input as text and finishes with stop', () => {
    const events = [
      { type: 'message_start', message: { id: 'msg_j', type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_j', name: 'switchyard_json_output', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '1}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 4 } },
      { type: 'message_stop' },
    ].map((event) => ({ event: event.type, data: JSON.stringify(event) }));
    const { parts } = decodeAll(events);
    assert.deepEqual(parts.filter((part) => part.type === 'text-delta').map((part) => (part as { text: string }).text), ['{"a":', '1}']);
    assert.ok(!parts.some((part) => part.type === 'tool-call-start'));
    assert.deepEqual(parts.find((part) => part.type === 'finish'), { type: 'finish', choice: 0, finishReason: 'stop', nativeFinishReason: 'tool_use' });
  });

  it('streams redacted thinking as an encrypted detail', () => {
    const start = { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'opaque==' } };
    const decoder = anthropicMessagesAdapter.createStreamDecoder(provider);
    assert.deepEqual(decoder.decode({ event: 'content_block_start', data: JSON.stringify(start) }).parts, [
      { type: 'reasoning-delta', choice: 0, text: '', details: [{ type: 'reasoning.encrypted', data: 'opaque==', format: 'anthropic-claude-v1', index: 0 }] },
    ]);
  });

  it('throws an overloaded error (retryable, 503) for an in-stream error event', () => {
    const decoder = anthropicMessagesAdapter.createStreamDecoder(provider);
    const events = readAnthropicChunks('anthropic-overloaded.chunks.txt');
    for (const event of events.slice(0, 3)) decoder.decode(event);
    assert.throws(
      () => decoder.decode(events[3] as SseEvent),
      (error: unknown) => error instanceof UpstreamError && error.code === 'upstream_overloaded' && error.status === 503 && error.retryable,
    );
  });

  it('rejects invalid JSON and reports a stream cut before message_stop', () => {
    const decoder = anthropicMessagesAdapter.createStreamDecoder(provider);
    assert.throws(() => decoder.decode({ event: 'content_block_delta', data: '{"type":"content_bl' }), (error: unknown) => error instanceof UpstreamError && error.code === 'upstream_invalid_response');
    const cut = anthropicMessagesAdapter.createStreamDecoder(provider);
    for (const event of readAnthropicChunks('anthropic-text.chunks.txt').slice(0, 4)) cut.decode(event);
    assert.throws(() => cut.end?.(), /before message_stop/);
  });
});
