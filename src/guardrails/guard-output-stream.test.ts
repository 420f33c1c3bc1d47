import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamPart } from '../core/canonical/stream-part.js';
import type { StreamEncoder } from '../core/sse-sink.js';
import { scanText } from './apply-content-policy.js';
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

/** A small seeded PRNG (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const allDlp = compileFilters({
  builtins: ['email', 'phone', 'ssn', 'credit-card', 'ip-address', 'iban', 'secret'].map((slug) => ({ slug, action: 'redact' as const })),
  custom: [],
  scanOutput: true,
});
const SENSITIVE = [
  'someone@example.com',
  'a.b+tag@mail.example.co.uk',
  '4111 1111 1111 1111',
  '4111-1111-1111-1111',
  '4111111111111111',
  '(555) 123-4567',
  '+1 (555) 123-4567',
  '555.123.4567',
  '+44 20 7946 0958',
  '078-05-1120',
  '078 05 1120',
  'DE89 3704 0044 0532 0130 00',
  'GB82 WEST 1234 5698 7654 32',
  'DE89370400440532013000',
  'sk-proj-abcdefghijklmnopqrstuvwx1234',
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'AKIAIOSFODNN7EXAMPLE',
  'api_key = "Zx9fK2mQ7pL4vR8tY1wB3nC6"',
  'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcDEF123',
  '-----BEGIN RSA PRIVATE KEY-----',
  '192.168.1.20',
  '2001:db8::8a2e:370:7334',
  'fe80::1ff:fe23:4567:890a',
];
const WORDS = ['the', 'card', 'IBAN', 'ID', 'call', 'me', 'at', 'key:', 'is', '(see', 'below).', 'A', '12', '555', 'x-1', 'ok,', 'Email', '+1', 'DE', '4111'];
const SEPARATORS = [' ', ' ', ' ', '\n', ', ', '. ', '  ', '\t', ': ', ' (', ') '];

function sampleText(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  let out = '';
  const pieces = 4 + Math.floor(next() * 10);
  for (let i = 0; i < pieces; i += 1) out += (next() < 0.35 ? pick(SENSITIVE) : pick(WORDS)) + pick(SEPARATORS);
  return next() < 0.5 ? out.trimEnd() : out;
}

/** Streams `chunks` through a guarded encoder; returns the client's text and the finding names. */
function stream(chunks: string[], filterList = allDlp): { text: string; names: string[] } {
  const inner = recorder();
  const names: string[] = [];
  const guarded = new GuardedStreamEncoder(inner, { filters: filterList, onFindings: (f) => names.push(...f.map((x) => x.name)) });
  for (const chunk of chunks) guarded.encodeParts([text(0, chunk)]);
  guarded.encodeParts([finish]);
  return { text: joined(inner.out, 'text'), names: names.sort() };
}

describe('GuardedStreamEncoder with built-in filters only (property)', () => {
  it('gives the same client text as redacting the whole text, at every split point', () => {
    const next = random(20261121);
    for (let n = 0; n < 80; n += 1) {
      const whole = sampleText(next);
      const expected = scanText(whole, allDlp);
      const expectedNames = expected.findings.map((f) => f.name).sort();
      for (let at = 0; at <= whole.length; at += 1) {
        const got = stream([whole.slice(0, at), whole.slice(at)]);
        assert.equal(got.text, expected.text, `split at ${at} of ${JSON.stringify(whole)}`);
        assert.deepEqual(got.names, expectedNames, `findings, split at ${at} of ${JSON.stringify(whole)}`);
      }
    }
  });

  it('gives the same client text under random chunkings (1–6 characters a chunk)', () => {
    const next = random(7);
    for (let n = 0; n < 300; n += 1) {
      const whole = sampleText(next);
      const chunks: string[] = [];
      for (let i = 0; i < whole.length; ) {
        const size = 1 + Math.floor(next() * 6);
        chunks.push(whole.slice(i, i + size));
        i += size;
      }
      const got = stream(chunks);
      assert.equal(got.text, scanText(whole, allDlp).text, `chunks ${JSON.stringify(chunks)}`);
    }
  });

  it('releases prose word by word, before any hold-back fills', () => {
    const inner = recorder();
    const guarded = new GuardedStreamEncoder(inner, { filters: allDlp, onFindings: () => {} });
    guarded.encodeParts([text(0, 'Hello')]);
    guarded.encodeParts([text(0, ' there,')]);
    assert.equal(joined(inner.out, 'text'), 'Hello ');
    guarded.encodeParts([text(0, ' mail someone@exa')]);
    assert.equal(joined(inner.out, 'text'), 'Hello there, mail ');
    guarded.encodeParts([text(0, 'mple.com now')]);
    assert.equal(joined(inner.out, 'text'), 'Hello there, mail [EMAIL] ');
  });

  it('keeps the fixed hold-back when a custom pattern is present', () => {
    const withCustom = compileFilters({ builtins: [{ slug: 'email', action: 'redact' }], custom: [{ pattern: 'secret project \\w+', action: 'redact' }], scanOutput: true });
    const inner = recorder();
    const guarded = new GuardedStreamEncoder(inner, { filters: withCustom, onFindings: () => {} });
    guarded.encodeParts([text(0, 'the secret ')]);
    guarded.encodeParts([text(0, 'project falcon is on')]);
    assert.deepEqual(inner.out, [], 'nothing released before the fixed hold-back fills');
    guarded.encodeParts([finish]);
    assert.equal(joined(inner.out, 'text'), 'the [REDACTED] is on');
  });
});
