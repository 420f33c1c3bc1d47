import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { StreamPart } from '../../core/canonical/stream-part.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import { SseParser } from '../../upstream/parse-sse.js';
import { geminiAdapter } from './gemini-adapter.js';

const provider = { id: 'google', name: 'Google AI Studio' } as Provider;

/** Feeds a recorded SSE body through the parser in small slices, as the network would. */
function decodeFixture(name: string): StreamPart[] {
  const text = readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  const parser = new SseParser();
  const decoder = geminiAdapter.createStreamDecoder(provider);
  const parts: StreamPart[] = [];
  for (let offset = 0; offset < text.length; offset += 37) {
    for (const event of parser.push(text.slice(offset, offset + 37))) {
      const decoded = decoder.decode(event);
      assert.equal(decoded.done, false, 'Gemini streams end at EOF, not on an event');
      parts.push(...decoded.parts);
    }
  }
  for (const event of parser.end()) parts.push(...decoder.decode(event).parts);
  return parts;
}

describe('Gemini stream decoder', () => {
  it('emits thoughts as reasoning, text deltas in order, the signature, finish and the last cumulative usage', () => {
    const parts = decodeFixture('thinking-text.chunks.txt');
    assert.deepEqual(parts[0], { type: 'response-start', upstreamId: 'bH6LaZW8Fp_3nsEPqtaSwQ4' });
    const reasoning = parts.filter((part) => part.type === 'reasoning-delta');
    assert.deepEqual(reasoning, [
      { type: 'reasoning-delta', choice: 0, text: '**Counting letters**\n\nI spell it out.', details: [{ type: 'reasoning.text', text: '**Counting letters**\n\nI spell it out.', format: 'google-gemini-v1', index: 0 }] },
      { type: 'reasoning-delta', choice: 0, text: '', details: [{ type: 'reasoning.encrypted', data: 'EqUCCqICAdHtim9sig1', format: 'google-gemini-v1', index: 1 }] },
    ]);
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : []));
    assert.deepEqual(text, ['There are **3**', ' "r"s in strawberry.']);
    assert.deepEqual(parts.filter((part) => part.type === 'finish'), [{ type: 'finish', choice: 0, finishReason: 'stop', nativeFinishReason: 'STOP' }]);
    const usage = parts.filter((part) => part.type === 'usage').at(-1);
    assert.deepEqual(usage, { type: 'usage', tokens: { promptTokens: 9, completionTokens: 208, cachedReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 185 } });
  });

  it('emits each whole function call as a start and one arguments delta, in arrival order', () => {
    const parts = decodeFixture('parallel-tools.chunks.txt').filter((part) => part.type !== 'response-start' && part.type !== 'usage');
    const starts = parts.filter((part) => part.type === 'tool-call-start') as Array<Extract<StreamPart, { type: 'tool-call-start' }>>;
    assert.deepEqual(starts.map((part) => [part.index, part.name]), [[0, 'get_weather'], [1, 'get_time']]);
    assert.deepEqual(
      parts.map((part) => part.type),
      ['reasoning-delta', 'tool-call-start', 'tool-call-delta', 'tool-call-start', 'tool-call-delta', 'finish'],
    );
    const [signature, , firstArgs, , secondArgs, finish] = parts;
    assert.deepEqual((signature as { details: unknown[] }).details, [{ type: 'reasoning.encrypted', data: 'CiQBcsjafsig2', id: starts[0]!.id, format: 'google-gemini-v1', index: 0 }]);
    assert.equal((firstArgs as { argumentsDelta: string }).argumentsDelta, '{"city":"Paris"}');
    assert.equal((secondArgs as { argumentsDelta: string }).argumentsDelta, '{"zone":"CET"}');
    assert.deepEqual(finish, { type: 'finish', choice: 0, finishReason: 'tool_calls', nativeFinishReason: 'STOP' });
  });

  it('throws the in-band error with its status (UNAVAILABLE → 503, retryable)', () => {
    assert.throws(() => decodeFixture('error-mid-stream.chunks.txt'), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, 'upstream_overloaded');
      assert.equal(error.status, 503);
      assert.equal(error.retryable, true);
      return true;
    });
  });

  it('rejects a chunk that is not JSON as an invalid response', () => {
    const decoder = geminiAdapter.createStreamDecoder(provider);
    assert.throws(() => decoder.decode({ event: undefined, data: '{"candidates": [' }), (error: unknown) => error instanceof UpstreamError && error.code === 'upstream_invalid_response');
  });
});
