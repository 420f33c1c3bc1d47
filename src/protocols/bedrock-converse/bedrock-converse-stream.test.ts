import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { StreamPart } from '../../core/canonical/stream-part.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import type { SseEvent } from '../../core/sse-event.js';
import { bedrockConverseAdapter } from './bedrock-converse-adapter.js';

const provider = { id: 'amazon-bedrock', name: 'Amazon Bedrock' } as Provider;

/** The fixture holds SDK-shaped events (`{"<eventType>": payload}`), one per line. */
function fixtureEvents(name: string): SseEvent[] {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [[event, payload]] = Object.entries(JSON.parse(line) as Record<string, unknown>) as [[string, unknown]];
      return { event, data: JSON.stringify(payload) };
    });
}

function decodeAll(events: SseEvent[]): { parts: StreamPart[]; doneAt: number } {
  const decoder = bedrockConverseAdapter.createStreamDecoder(provider);
  const parts: StreamPart[] = [];
  let doneAt = -1;
  events.forEach((event, at) => {
    const out = decoder.decode(event);
    parts.push(...out.parts);
    if (out.done && doneAt < 0) doneAt = at;
  });
  return { parts, doneAt };
}

describe('Bedrock ConverseStream decoder', () => {
  it('turns a recorded stream into ordered canonical parts', () => {
    const events = fixtureEvents('converse-stream-reasoning-parallel-tools.events.txt');
    const { parts, doneAt } = decodeAll(events);
    assert.equal(doneAt, events.length - 1, 'metadata is the last event');
    assert.deepEqual(parts[0], { type: 'response-start', upstreamId: null });
    const reasoning = parts.filter((part) => part.type === 'reasoning-delta');
    assert.equal(reasoning.map((part) => part.text).join(''), 'Two cities, two calls.');
    assert.deepEqual(
      reasoning.map((part) => part.details?.[0]),
      [
        { type: 'reasoning.text', text: 'Two cities', format: 'anthropic-claude-v1', index: 0 },
        { type: 'reasoning.text', text: ', two calls.', format: 'anthropic-claude-v1', index: 0 },
        { type: 'reasoning.text', text: '', signature: 'ErUBCkYIBxgCIkDf0yT3YcGqOqQ7k8pB', format: 'anthropic-claude-v1', index: 0 },
        { type: 'reasoning.encrypted', data: 'EmwKAhgBEgy3va3pzix', format: 'anthropic-claude-v1', index: 1 },
      ],
    );
    assert.equal(parts.filter((part) => part.type === 'text-delta').map((part) => part.text).join(''), 'Checking both.');
    const tools = parts.filter((part) => part.type === 'tool-call-start' || part.type === 'tool-call-delta');
    assert.deepEqual(tools, [
      { type: 'tool-call-start', choice: 0, index: 0, id: 'tooluse_bpe71yCfRu2b5i-nKGDr5g', name: 'get_weather' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"city": ' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'tooluse_Hl8c0SJ7QsOTdNpZ7QX5Ng', name: 'get_weather' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{"ci' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: 'ty": "Berl' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: 'in"}' },
    ]);
    assert.deepEqual(parts.find((part) => part.type === 'finish'), { type: 'finish', choice: 0, finishReason: 'tool_calls', nativeFinishReason: 'tool_use' });
    assert.deepEqual(parts.at(-1), {
      type: 'usage',
      tokens: { promptTokens: 2940, completionTokens: 187, cachedReadTokens: 2048, cacheWriteTokens: 480, reasoningTokens: 0 },
    });
  });

  it('streams the JSON-response tool as content and finishes with stop', () => {
    const events: SseEvent[] = [
      { event: 'messageStart', data: '{"role":"assistant"}' },
      { event: 'contentBlockStart', data: '{"contentBlockIndex":0,"start":{"toolUse":{"toolUseId":"t1","name":"switchyard_json_response"}}}' },
      { event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\\"a\\":"}}}' },
      { event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"toolUse":{"input":"1}"}}}' },
      { event: 'contentBlockStop', data: '{"contentBlockIndex":0}' },
      { event: 'messageStop', data: '{"stopReason":"tool_use"}' },
    ];
    const { parts } = decodeAll(events);
    assert.equal(parts.filter((part) => part.type === 'text-delta').map((part) => part.text).join(''), '{"a":1}');
    assert.equal(parts.some((part) => part.type === 'tool-call-start'), false);
    assert.equal(parts.find((part) => part.type === 'finish')?.finishReason, 'stop');
  });

  it('raises exception frames as upstream errors with the right status and retryability', () => {
    const cases: Array<[string, number, string, boolean]> = [
      ['throttlingException', 429, 'rate_limited', true],
      ['serviceUnavailableException', 503, 'upstream_overloaded', true],
      ['internalServerException', 502, 'upstream_error', true],
      ['modelStreamErrorException', 502, 'upstream_error', true],
      ['validationException', 400, 'invalid_request', false],
    ];
    for (const [type, status, code, retryable] of cases) {
      const decoder = bedrockConverseAdapter.createStreamDecoder(provider);
      decoder.decode({ event: 'messageStart', data: '{"role":"assistant"}' });
      assert.throws(
        () => decoder.decode({ event: `exception:${type}`, data: '{"message":"went wrong"}' }),
        (error: unknown) =>
          error instanceof UpstreamError && error.status === status && error.code === code && error.retryable === retryable && error.metadata?.provider_code === type,
        type,
      );
    }
  });

  it('rejects an event whose payload is not JSON', () => {
    const decoder = bedrockConverseAdapter.createStreamDecoder(provider);
    assert.throws(() => decoder.decode({ event: 'contentBlockDelta', data: '{"contentBlockIndex":' }), (error: unknown) => error instanceof UpstreamError && error.code === 'upstream_invalid_response');
  });
});
