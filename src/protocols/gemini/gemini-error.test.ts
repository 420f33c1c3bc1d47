import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseGeminiError } from './gemini-error.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const body = (code: number, status: string, message = 'm') => JSON.stringify({ error: { code, message, status } });

describe('parseGeminiError', () => {
  it('RESOURCE_EXHAUSTED → 429 rate_limited, retryable, Retry-After from RetryInfo', () => {
    const error = parseGeminiError({ status: 429, bodyText: fixture('resource-exhausted.json'), retryAfter: undefined, provider: 'Google AI Studio' });
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.status, 429);
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterSeconds, 37);
    assert.match(error.message, /exceeded your current quota/);
    assert.equal(error.metadata?.provider_code, 'RESOURCE_EXHAUSTED');
    assert.equal(error.metadata?.provider_name, 'Google AI Studio');
  });

  it('a Retry-After header wins over RetryInfo', () => {
    assert.equal(parseGeminiError({ status: 429, bodyText: fixture('resource-exhausted.json'), retryAfter: '3', provider: 'G' }).retryAfterSeconds, 3);
  });

  it('an invalid API key is the gateway\'s problem: 502, retryable, key never echoed', () => {
    const error = parseGeminiError({ status: 400, bodyText: fixture('api-key-invalid.json'), retryAfter: undefined, provider: 'G' });
    assert.equal(error.code, 'upstream_error');
    assert.equal(error.status, 502);
    assert.equal(error.retryable, true);
    assert.equal(error.metadata?.provider_reason, 'API_KEY_INVALID');
    const leaky = parseGeminiError({ status: 400, bodyText: body(400, 'INVALID_ARGUMENT', 'bad key AIzaSyA1234567890abcdefghijklmnop'), retryAfter: undefined, provider: 'G' });
    assert.doesNotMatch(JSON.stringify({ message: leaky.message, metadata: leaky.metadata }), /AIzaSy/);
  });

  const table: Array<[number, string, string, number, boolean]> = [
    [400, 'INVALID_ARGUMENT', 'invalid_request', 400, false],
    [400, 'FAILED_PRECONDITION', 'upstream_error', 502, true],
    [401, 'UNAUTHENTICATED', 'upstream_error', 502, true],
    [403, 'PERMISSION_DENIED', 'upstream_error', 502, true],
    [404, 'NOT_FOUND', 'invalid_request', 404, true],
    [500, 'INTERNAL', 'upstream_error', 502, true],
    [503, 'UNAVAILABLE', 'upstream_overloaded', 503, true],
    [504, 'DEADLINE_EXCEEDED', 'upstream_timeout', 504, true],
  ];
  for (const [http, rpc, code, status, retryable] of table) {
    it(`${http} ${rpc} → ${status} ${code}${retryable ? ', retryable' : ''}`, () => {
      const error = parseGeminiError({ status: http, bodyText: body(http, rpc), retryAfter: undefined, provider: 'G' });
      assert.deepEqual([error.code, error.status, error.retryable], [code, status, retryable]);
      assert.equal(error.upstreamStatus, http);
    });
  }

  it('recognises a prompt that is too long', () => {
    const error = parseGeminiError({
      status: 400,
      bodyText: body(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'),
      retryAfter: undefined,
      provider: 'G',
    });
    assert.equal(error.code, 'context_length_exceeded');
    assert.equal(error.status, 400);
  });

  it('falls back on the HTTP status for non-JSON bodies, and reads array-wrapped errors', () => {
    const html = parseGeminiError({ status: 503, bodyText: '<html>Service Unavailable</html>', retryAfter: undefined, provider: 'G' });
    assert.deepEqual([html.code, html.status, html.retryable], ['upstream_overloaded', 503, true]);
    const wrapped = parseGeminiError({ status: 429, bodyText: `[${body(429, 'RESOURCE_EXHAUSTED')}]`, retryAfter: undefined, provider: 'G' });
    assert.equal(wrapped.code, 'rate_limited');
  });
});
