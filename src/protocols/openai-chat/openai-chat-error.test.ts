import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';
import { parseOpenAIChatError } from './openai-chat-error.js';

function openAIBody(message: string, type: string, code: string | null = null): string {
  return JSON.stringify({ error: { message, type, param: null, code } });
}

function parse(status: number, bodyText: string, retryAfter?: string): UpstreamError {
  return parseOpenAIChatError({ status, bodyText, retryAfter, provider: 'OpenAI' });
}

describe('parseOpenAIChatError status mapping', () => {
  const table: Array<{ status: number; body: string; code: string; clientStatus: number; retryable: boolean }> = [
    { status: 400, body: openAIBody('Invalid value for temperature', 'invalid_request_error'), code: 'invalid_request', clientStatus: 400, retryable: false },
    { status: 400, body: openAIBody("This model's maximum context length is 128000 tokens.", 'invalid_request_error', 'context_length_exceeded'), code: 'context_length_exceeded', clientStatus: 400, retryable: false },
    { status: 400, body: openAIBody('Please reduce the length: exceeds the context window', 'invalid_request_error'), code: 'context_length_exceeded', clientStatus: 400, retryable: false },
    { status: 401, body: openAIBody('Incorrect API key provided', 'invalid_request_error', 'invalid_api_key'), code: 'upstream_error', clientStatus: 502, retryable: true },
    { status: 403, body: openAIBody('Country not supported', 'invalid_request_error', 'unsupported_country_region_territory'), code: 'upstream_error', clientStatus: 502, retryable: true },
    // The gateway's account at the provider is out of credit: another endpoint can still serve.
    { status: 402, body: openAIBody('Insufficient Balance', 'invalid_request_error', 'insufficient_quota'), code: 'upstream_error', clientStatus: 502, retryable: true },
    { status: 404, body: openAIBody('The model `gpt-9` does not exist', 'invalid_request_error', 'model_not_found'), code: 'invalid_request', clientStatus: 404, retryable: false },
    { status: 413, body: 'Request Entity Too Large', code: 'invalid_request', clientStatus: 413, retryable: false },
    { status: 422, body: openAIBody('Unprocessable', 'invalid_request_error'), code: 'invalid_request', clientStatus: 422, retryable: false },
    { status: 408, body: 'timeout', code: 'upstream_error', clientStatus: 502, retryable: true },
    { status: 429, body: openAIBody('Rate limit reached for gpt-4o', 'requests', 'rate_limit_exceeded'), code: 'rate_limited', clientStatus: 429, retryable: true },
    { status: 500, body: openAIBody('The server had an error', 'server_error'), code: 'upstream_error', clientStatus: 502, retryable: true },
    { status: 502, body: '<html>Bad Gateway</html>', code: 'upstream_error', clientStatus: 502, retryable: true },
    { status: 504, body: '<html>Gateway Timeout</html>', code: 'upstream_timeout', clientStatus: 504, retryable: true },
    { status: 503, body: openAIBody('The engine is currently overloaded', 'server_error'), code: 'upstream_overloaded', clientStatus: 503, retryable: true },
    { status: 529, body: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), code: 'upstream_overloaded', clientStatus: 503, retryable: true },
  ];
  for (const row of table) {
    it(`${row.status} ${row.code}`, () => {
      const error = parse(row.status, row.body);
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, row.code);
      assert.equal(error.status, row.clientStatus);
      assert.equal(error.retryable, row.retryable);
      assert.equal(error.upstreamStatus, row.status);
      assert.equal(error.provider, 'OpenAI');
      assert.equal(error.metadata?.provider_name, 'OpenAI');
      if (row.clientStatus >= 500) assert.equal(error.message, 'Provider returned error');
    });
  }

  it('keeps the upstream message for 4xx and the upstream code as provider_code', () => {
    const error = parse(400, openAIBody('Invalid value for temperature', 'invalid_request_error', 'invalid_value'));
    assert.equal(error.message, 'Invalid value for temperature');
    assert.equal(error.metadata?.provider_code, 'invalid_value');
    assert.deepEqual(error.metadata?.raw, JSON.parse(openAIBody('Invalid value for temperature', 'invalid_request_error', 'invalid_value')));
  });

  it('reads `error` given as a plain string', () => {
    const error = parse(400, JSON.stringify({ error: 'bad things' }));
    assert.equal(error.message, 'bad things');
  });

  it('handles a non-JSON body: raw is the text, message is its start', () => {
    const error = parse(400, 'plain text failure');
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.message, 'plain text failure');
    assert.equal(error.metadata?.raw, 'plain text failure');
    const empty = parse(400, '');
    assert.equal(empty.message, 'HTTP 400');
    const long = parse(500, 'x'.repeat(5000));
    assert.equal((long.metadata?.raw as string).length, 2000);
    assert.equal(long.message, 'Provider returned error');
  });
});

describe('parseOpenAIChatError Retry-After', () => {
  it('reads seconds', () => {
    assert.equal(parse(429, openAIBody('slow down', 'requests'), '7').retryAfterSeconds, 7);
    assert.equal(parse(429, openAIBody('slow down', 'requests'), '1.2').retryAfterSeconds, 2);
  });

  it('reads an HTTP date', () => {
    const date = new Date(Date.now() + 30_000).toUTCString();
    const seconds = parse(429, openAIBody('slow down', 'requests'), date).retryAfterSeconds as number;
    assert.ok(seconds >= 28 && seconds <= 31, `got ${seconds}`);
  });

  it('is absent without a header and at least 1 second otherwise', () => {
    assert.equal(parse(429, '{}').retryAfterSeconds, undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('0'), 1);
    assert.equal(parseRetryAfter(new Date(Date.now() - 60_000).toUTCString()), 1);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});

describe('parseOpenAIChatError never leaks keys', () => {
  const secret = 'sk-abc123456789';

  it('scrubs a key echoed in a 401 body from metadata.raw', () => {
    const body = openAIBody(`Incorrect API key provided: ${secret}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key');
    const error = parse(401, body);
    assert.ok(!JSON.stringify(error.metadata).includes(secret));
    assert.ok(!JSON.stringify(error.metadata).includes('abc123456789'));
    assert.match((error.metadata?.raw as { error: { message: string } }).error.message, /Incorrect API key provided: \[REDACTED_KEY\]/);
    assert.ok(!error.message.includes(secret));
  });

  it('scrubs OpenAI-style masked keys and other vendor prefixes', () => {
    // Google API keys are "AIza" + 35 characters with no separator.
    for (const key of ['sk-proj-abc1***********************wxyz', 'gsk_0123456789abcdef', 'xai-ABCDEFGH12345', 'AIzaSyA1234567890abcdefghijklmnopqrstuv']) {
      const error = parse(401, openAIBody(`Incorrect API key provided: ${key}.`, 'invalid_request_error'));
      assert.ok(!JSON.stringify(error.metadata?.raw).includes(key), key);
    }
  });

  it('scrubs a key in a non-JSON body', () => {
    const error = parse(403, `forbidden for key ${secret}`);
    assert.equal(error.metadata?.raw, 'forbidden for key [REDACTED_KEY]');
  });

  it('does not pass a key echoed in a 4xx message on to the client either', () => {
    const error = parse(400, openAIBody(`Key ${secret} cannot use this model`, 'invalid_request_error'));
    assert.ok(!JSON.stringify(error.metadata?.raw).includes(secret));
    assert.ok(!error.message.includes(secret), `message leaks the key: ${error.message}`);
  });

  it('scrubs an AWS access key id too (any upstream may echo any credential)', () => {
    const error = parse(403, openAIBody('The security token for AKIAIOSFODNN7EXAMPLE is invalid', 'invalid_request_error'));
    assert.ok(!JSON.stringify(error.metadata?.raw).includes('AKIAIOSFODNN7EXAMPLE'));
  });
});
