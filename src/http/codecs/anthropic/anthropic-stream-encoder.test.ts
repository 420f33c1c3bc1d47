import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamPart } from '../../../core/canonical/stream-part.js';
import type { Usage } from '../../../core/canonical/usage.js';
import { createInferenceContext } from '../../../pipeline/inference-context.js';
import type { InferenceExchange } from '../../../pipeline/inference-context.js';
import type { ApiKeyRecord } from '../../../stores/key-store.js';
import { ANTHROPIC_SSE_FRAMING, anthropicMessagesCodec } from './anthropic-messages-codec.js';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder.js';

function encoder() {
  const ctx = createInferenceContext({
    caller: { key: {} as ApiKeyRecord },
    codec: anthropicMessagesCodec,
    route: 'messages',
    exchange: {} as InferenceExchange, // the encoder never touches the exchange
    request: { model: 'm', messages: [] },
  });
  ctx.tokens = { promptTokens: 30, completionTokens: 12, cachedReadTokens: 10, cacheWriteTokens: 5, reasoningTokens: 4 };
  return new AnthropicStreamEncoder(ctx);
}

/** Splits encoder payloads into (event, data) pairs, checking the event line matches `type`. */
function events(payloads: string[]): Array<[string, Record<string, unknown>]> {
  return payloads.flatMap((payload) =>
    ANTHROPIC_SSE_FRAMING.frame(payload).trim().split('\n\n').map((frame) => {
      const [eventLine, dataLine] = frame.split('\n') as [string, string];
      const data = JSON.parse(dataLine.slice('data: '.length)) as Record<string, unknown>;
      assert.equal(eventLine, `event: ${String(data.type)}`);
      return [data.type as string, data] as [string, Record<string, unknown>];
    }),
  );
}

const start: StreamPart = { type: 'response-start', upstreamId: 'x' };

describe('AnthropicStreamEncoder', () => {
  it('opens and closes text and thinking blocks, signature last, then message_delta with Anthropic usage', () => {
    const e = encoder();
    const out = e.encodeParts([
      start,
      { type: 'reasoning-delta', choice: 0, text: 'hm', details: [{ type: 'reasoning.text', text: 'hm', index: 0 }] },
      { type: 'reasoning-delta', choice: 0, text: '', details: [{ type: 'reasoning.text', signature: 'SIG', index: 0 }] },
      { type: 'reasoning-delta', choice: 0, text: '', details: [{ type: 'reasoning.encrypted', data: 'ENC', index: 1 }] },
      { type: 'text-delta', choice: 0, text: 'Hi' },
      { type: 'finish', choice: 0, finishReason: 'stop', nativeFinishReason: 'stop_sequence' },
    ]);
    out.push(e.encodeUsage({ cost: 0.5 } as Usage), e.donePayload);
    assert.deepEqual(events(out).map(([type, data]) => [type, data.index ?? null, (data.delta as { type?: string } | undefined)?.type ?? (data.content_block as { type?: string } | undefined)?.type ?? null]), [
      ['message_start', null, null],
      ['content_block_start', 0, 'thinking'],
      ['content_block_delta', 0, 'thinking_delta'],
      ['content_block_delta', 0, 'signature_delta'],
      ['content_block_stop', 0, null],
      ['content_block_start', 1, 'redacted_thinking'],
      ['content_block_stop', 1, null],
      ['content_block_start', 2, 'text'],
      ['content_block_delta', 2, 'text_delta'],
      ['content_block_stop', 2, null],
      ['message_delta', null, null],
      ['message_stop', null, null],
    ]);
    const delta = events(out).find(([type]) => type === 'message_delta')?.[1];
    assert.deepEqual(delta, {
      type: 'message_delta',
      delta: { stop_reason: 'stop_sequence', stop_sequence: null },
      usage: { input_tokens: 15, output_tokens: 12, cache_creation_input_tokens: 5, cache_read_input_tokens: 10, output_tokens_details: { thinking_tokens: 4 }, cost: 0.5 },
    });
  });

  it('never interleaves parallel tool calls: the second waits, its deltas kept in order', () => {
    const e = encoder();
    const out = e.encodeParts([
      start,
      { type: 'tool-call-start', choice: 0, index: 0, id: 'a', name: 'fa' },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'b', name: 'fb' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"x"' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{"y"' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: ':1}' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: ':2}' },
      { type: 'finish', choice: 0, finishReason: 'tool_calls', nativeFinishReason: 'tool_calls' },
    ]);
    const seen = events(out).slice(1).map(([type, data]) => `${type}:${String(data.index)}:${JSON.stringify((data.delta as { partial_json?: string } | undefined)?.partial_json ?? (data.content_block as { id?: string } | undefined)?.id ?? '')}`);
    assert.deepEqual(seen, [
      'content_block_start:0:"a"',
      'content_block_delta:0:"{\\"x\\""',
      'content_block_delta:0:":1}"',
      'content_block_stop:0:""',
      'content_block_start:1:"b"',
      'content_block_delta:1:"{\\"y\\":2}"',
      'content_block_stop:1:""',
    ]);
    const finalDelta = events([e.encodeUsage({ cost: 0 } as Usage)])[0]?.[1];
    assert.deepEqual((finalDelta?.delta as { stop_reason: string }).stop_reason, 'tool_use');
  });

  it('frames payloads as named events and drops the OpenRouter terminator', () => {
    assert.equal(ANTHROPIC_SSE_FRAMING.frame('[DONE]'), '');
    assert.equal(ANTHROPIC_SSE_FRAMING.frame('{"type":"message_stop"}'), 'event: message_stop\ndata: {"type":"message_stop"}\n\n');
    assert.equal(ANTHROPIC_SSE_FRAMING.keepalive, 'event: ping\ndata: {"type":"ping"}\n\n');
  });

  it('encodes in-band errors as an error event with the Anthropic type', () => {
    assert.deepEqual(events([encoder().encodeError({ code: 429, message: 'slow down' })]), [
      ['error', { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }],
    ]);
  });
});
