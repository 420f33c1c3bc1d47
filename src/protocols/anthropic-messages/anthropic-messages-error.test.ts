import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnthropicError } from './anthropic-messages-error.js';
import { readAnthropicFixture } from './read-anthropic-fixture.js';

const parse = (status: number, fixture: string, retryAfter?: string) =>
  parseAnthropicError({ status, bodyText: readAnthropicFixture(fixture), retryAfter, provider: 'Anthropic' });

describe('parseAnthropicError', () => {
  it('529 overloaded_error → 503 upstream_overloaded, retryable', () => {
    const error = parse(529, 'anthropic-error-529.json');
    assert.equal(error.code, 'upstream_overloaded');
    assert.equal(error.status, 503);
    assert.equal(error.retryable, true);
    assert.equal(error.upstreamStatus, 529);
    assert.deepEqual(error.metadata?.raw, JSON.parse(readAnthropicFixture('anthropic-error-529.json')));
  });

  it('429 rate_limit_error keeps its status and retry-after', () => {
    const error = parse(429, 'anthropic-error-429.json', '17');
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.status, 429);
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterSeconds, 17);
    assert.match(error.message, /rate limit/);
  });

  it('a too-long prompt is context_length_exceeded (400, not retryable)', () => {
    const error = parse(400, 'anthropic-error-context.json');
    assert.equal(error.code, 'context_length_exceeded');
    assert.equal(error.status, 400);
    assert.equal(error.retryable, false);
  });

  it("a refused provider key is the gateway's problem: 502, retryable, key scrubbed", () => {
    const error = parse(401, 'anthropic-error-401.json');
    assert.equal(error.status, 502);
    assert.equal(error.retryable, true);
    assert.doesNotMatch(JSON.stringify(error.metadata), /sk-ant-api03/);
    assert.match(JSON.stringify(error.metadata), /REDACTED_KEY/);
  });

  it('500 api_error → 502; a non-JSON body still maps', () => {
    const error = parseAnthropicError({ status: 500, bodyText: '<html>bad gateway</html>', retryAfter: undefined, provider: 'Anthropic' });
    assert.equal(error.status, 502);
    assert.equal(error.retryable, true);
    assert.equal(error.metadata?.raw, '<html>bad gateway</html>');
  });
});
