import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamPart } from '../core/canonical/stream-part.js';
import type { StreamEncoder } from '../pipeline/sse-sink.js';
import { compileFilters } from './compile-content-policy.js';
import { GuardedStreamEncoder, STREAM_HOLDBACK_CHARS, STREAM_RELEASE_STEP_CHARS } from './guard-output-stream.js';

/** An encoder that records the parts it is given, as text. */
function recorder(): StreamEncoder & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    relaysOpenAIFrames: true,
    encodeParts(parts: StreamPart[]) {
      for (const part of parts) {
        if (part.type === 'text-delta') out.push(`text:${part.text}`);
        else if (part.type === 'reasoning-delta') out.push(`reasoning:${part.text}`);
        else if (part.type === 'tool-call-delta') out.push(`args:${part.argumentsDelta}`);
        else out.push(part.type);
      }
      return [];
    },
    encodeUsage: () => 'usage',
    encodeError: () => 'error',
  };
}

const filters = compileFilters({ builtins: [{ slug: 'credit-card', action: 'redact' }, { slug: 'email', action: 'redact' }], custom: [], scanOutput: true });
const text = (choice: number, t: string): StreamPart => ({ type: 'text-delta', choice, text: t });
const finish: StreamPart = { type: 'finish', choice: 0, finishReason: 'stop', nativeFinishReason: 'stop' };

function joined(out: string[], kind: string): string {
  return out.filter((o) => o.startsWith(`${kind}:`)).map((o) => o.slice(kind.length + 1)).join('');
}

describe('GuardedStreamEncoder', () => {
  it('turns off the fast path and redacts a card split over several chunks', () => {
    const inner = recorder();
    const guarded = new GuardedStreamEncoder(inner, { filters, onFindings: () => {} });
    assert.equal(guarded.relaysOpenAIFrames, false);
    for (const piece of ['card 4111', ' 1111 11', '11 1111 ok']) guarded.encodeParts([text(0, piece)]);
    guarded.encodeParts([finish]);
    assert.equal(joined(inner.out, 'text'), 'card [CREDIT_CARD] ok');
    assert.equal(inner.out.at(-1), 'finish');
  });

  it('streams long text with a bounded delay and never cuts inside a match', () => {
    const inner = recorder();
    const seen: string[] = [];
    const guarded = new GuardedStreamEncoder(inner, { filters, onFindings: (f) => seen.push(...f.map((x) => x.name)) });
    const filler = 'lorem ipsum '.repeat(40);
    const full = `${filler}mail me at someone@example.com ${filler}`;
    for (let i = 0; i < full.length; i += 7) guarded.encodeParts([text(0, full.slice(i, i + 7))]);
    const beforeFinish = joined(inner.out, 'text');
    const expected = full.replace('someone@example.com', '[EMAIL]');
    assert.ok(expected.startsWith(beforeFinish));
    assert.ok(expected.length - beforeFinish.length < STREAM_HOLDBACK_CHARS + STREAM_RELEASE_STEP_CHARS + 7, 'held back at most the tail');
    assert.ok(beforeFinish.length > 0, 'text was released before the end');
    assert.ok(!beforeFinish.includes('someone@'), 'no partial email was released');
    guarded.encodeParts([finish]);
    assert.equal(joined(inner.out, 'text'), expected);
    assert.deepEqual(seen, ['email']);
  });

  it('releases reasoning before content starts, and flushes what is left before usage', () => {
    const inner = recorder();
    const guarded = new GuardedStreamEncoder(inner, { filters, onFindings: () => {} });
    guarded.encodeParts([{ type: 'reasoning-delta', choice: 0, text: 'thinking' }]);
    guarded.encodeParts([text(0, 'answer')]);
    assert.deepEqual(inner.out, ['reasoning:thinking']);
    const usage = guarded.encodeUsage({} as never);
    assert.deepEqual(inner.out, ['reasoning:thinking', 'text:answer']);
    assert.equal(usage, 'usage');
  });

  it('throws a 403 guardrail_blocked when a block filter matches the output', () => {
    const block = compileFilters({ builtins: [{ slug: 'ssn', action: 'block' }], custom: [], scanOutput: true });
    const guarded = new GuardedStreamEncoder(recorder(), { filters: block, onFindings: () => {} });
    guarded.encodeParts([text(0, 'it is 078-05-')]);
    guarded.encodeParts([text(0, '1120')]);
    assert.throws(() => guarded.encodeParts([finish]), (error: { code?: string; status?: number; metadata?: { patterns: string[] } }) => {
      return error.code === 'guardrail_blocked' && error.status === 403 && error.metadata?.patterns[0] === 'ssn';
    });
  });
});
