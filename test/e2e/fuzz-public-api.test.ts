import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

/**
 * #11 item 9: property-based fuzzing of every public endpoint with mutated and malformed bodies —
 * wrong types, huge numbers, deep nesting, invalid UTF-8, unknown roles, null bytes, thousands of
 * messages. Seeded and bounded; SWITCHYARD_FUZZ_RUNS raises the number of runs (docs/security.md).
 * Zero 5xx, no request outlives its timeout, the gateway is healthy afterwards.
 */
const RUNS = Number(process.env.SWITCHYARD_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.SWITCHYARD_FUZZ_SEED ?? 20261204);
const REQUEST_TIMEOUT_MS = 10_000;

type Target = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; admin: boolean; valid: Record<string, unknown> };
const chat = { model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 };
const TARGETS: Target[] = [
  { method: 'POST', path: '/chat/completions', admin: false, valid: chat },
  { method: 'POST', path: '/chat/completions', admin: false, valid: { ...chat, stream: true } },
  { method: 'POST', path: '/completions', admin: false, valid: { model: 'sim/echo', prompt: 'hi', max_tokens: 8 } },
  { method: 'POST', path: '/messages', admin: false, valid: { model: 'sim/echo', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] } },
  { method: 'POST', path: '/responses', admin: false, valid: { model: 'sim/echo', input: 'hi', max_output_tokens: 16 } },
  { method: 'POST', path: '/embeddings', admin: false, valid: { model: 'sim/echo', input: 'hi' } },
  { method: 'POST', path: '/keys', admin: true, valid: { name: 'fuzz', limit: 1 } },
  { method: 'POST', path: '/credits', admin: true, valid: { amount: 1 } },
  { method: 'POST', path: '/workspaces', admin: true, valid: { id: 'fuzz-ws', name: 'Fuzz' } },
  { method: 'POST', path: '/byok', admin: true, valid: { provider: 'openai', key: 'fuzz-key-0123456789' } },
  { method: 'PATCH', path: '/workspace/privacy', admin: true, valid: { data_collection: 'deny' } },
  { method: 'GET', path: '/generation', admin: false, valid: {} },
  { method: 'GET', path: '/keys', admin: true, valid: {} },
  { method: 'GET', path: '/activity', admin: true, valid: {} },
  { method: 'GET', path: '/credits', admin: false, valid: {} },
];

const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 1e-320, Number.MAX_SAFE_INTEGER * 1000);
const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', '\uDFFF\uD800', '🦊'.repeat(50), 'x'.repeat(100_000), '[[sim:', '1e309', 'NaN', '__proto__', 'constructor'),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), hugeNumber, weirdString, fc.constant(null), fc.boolean());
const deep = (depth: number, array: boolean): string => (array ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
const manyMessages = (count: number, role: string) => ({ ...chat, messages: Array.from({ length: count }, (_, i) => ({ role, content: `m${i}` })) });

/** One malformed request body, as raw bytes or a JSON value built from the target's valid body. */
const body = (valid: Record<string, unknown>) =>
  fc.oneof(
    // a field of the valid body replaced by something of the wrong type or size
    fc.tuple(fc.constantFrom(...Object.keys(valid).concat('extra')), anyValue).map(([field, value]) => JSON.stringify({ ...valid, [field]: value })),
    // a field dropped
    fc.constantFrom(...Object.keys(valid).concat('none')).map((field) => JSON.stringify(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field)))),
    // unknown roles, odd content parts, thousands of messages
    fc.tuple(fc.constantFrom('user', 'assistant', 'tool', 'system', 'robot', '', 'developer'), fc.constantFrom(1, 2, 5000, 10_001)).map(([role, n]) => JSON.stringify(manyMessages(n, role))),
    fc.tuple(anyValue, anyValue).map(([content, part]) => JSON.stringify({ ...chat, messages: [{ role: 'user', content }, { role: 'user', content: [part] }] })),
    // deep nesting anywhere
    fc.tuple(fc.constantFrom(63, 65, 1000, 10_000), fc.boolean()).map(([depth, array]) => JSON.stringify(valid).replace(/}$/, `,"deep":${deep(depth, array)}}`)),
    // not JSON at all, invalid UTF-8, null bytes, truncated
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), Buffer.from('{"model":"sim/echo"\u0000}'), Buffer.from(JSON.stringify(valid).slice(0, 7)), Buffer.alloc(0)),
    anyValue.map((value) => JSON.stringify(value) ?? 'null'),
  );

const query = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.constantFrom('id', 'offset', 'workspace_id', 'date', 'include_disabled', 'api_key_hash'), fc.oneof(weirdString, fc.constantFrom('1e309', '-1', '0x10', '%00', '%ff', 'gen-x'))).map(
    ([name, value]) => `?${name}=${/^%[0-9a-f]{2}$/.test(value) ? value : encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD')).slice(0, 2000)}`,
  ),
);

describe('fuzzing every public endpoint with malformed input', { timeout: 120_000 }, () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack?.close());

  it(`${RUNS} seeded runs (seed ${SEED}): no 5xx, no hung request, healthy afterwards`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS).chain((target) => fc.tuple(fc.constant(target), body(target.valid), query, fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'))),
        async ([target, payload, search, contentType]) => {
          const hasBody = target.method !== 'GET';
          const res = await fetch(`${stack.baseURL}${target.path}${search}`, {
            method: target.method,
            headers: {
              authorization: `Bearer ${target.admin ? stack.adminKey : stack.apiKey}`,
              ...(hasBody ? { 'content-type': contentType } : {}),
            },
            body: hasBody ? payload : undefined,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await res.text();
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          assert.ok(res.status < 500, `${target.method} ${target.path}${search} → ${res.status} ${text.slice(0, 300)}\nbody: ${String(payload).slice(0, 300)}`);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    assert.ok((seen.get(400) ?? 0) > 0, `malformed input was refused at least once: ${JSON.stringify([...seen])}`);
    const health = await fetch(`${stack.gateway.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    assert.equal(health.status, 200);
    const ok = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(chat),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    assert.equal(ok.status, 200, 'a normal request still works');
  });
});
