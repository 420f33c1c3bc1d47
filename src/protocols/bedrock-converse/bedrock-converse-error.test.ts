import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseBedrockError } from './bedrock-converse-error.js';

const coral = (type: string) => ({ 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` });

describe('parseBedrockError', () => {
  const cases: Array<[number, string, string, number, boolean]> = [
    [429, 'ThrottlingException', 'rate_limited', 429, true],
    [429, 'ModelNotReadyException', 'upstream_overloaded', 503, true],
    [503, 'ServiceUnavailableException', 'upstream_overloaded', 503, true],
    [500, 'InternalServerException', 'upstream_error', 502, true],
    [424, 'ModelErrorException', 'upstream_error', 502, true],
    [408, 'ModelTimeoutException', 'upstream_timeout', 504, true],
    [403, 'AccessDeniedException', 'upstream_error', 502, true],
    [403, 'InvalidSignatureException', 'upstream_error', 502, true],
    [404, 'ResourceNotFoundException', 'upstream_error', 502, true],
    [400, 'ValidationException', 'invalid_request', 400, false],
  ];
  for (const [status, type, code, clientStatus, retryable] of cases) {
    it(`${status} ${type} → ${clientStatus} ${code}${retryable ? ', retryable' : ''}`, () => {
      const error = parseBedrockError({ status, bodyText: '{"message":"details"}', headers: coral(type), provider: 'Amazon Bedrock' });
      assert.equal(error.code, code);
      assert.equal(error.status, clientStatus);
      assert.equal(error.retryable, retryable);
      assert.equal(error.upstreamStatus, status);
      assert.equal(error.metadata?.provider_code, type);
      assert.equal(error.metadata?.provider_name, 'Amazon Bedrock');
      assert.deepEqual(error.metadata?.raw, { message: 'details' });
    });
  }

  it('reads the type from __type when the header is missing, and falls back to the status', () => {
    const fromBody = parseBedrockError({ status: 400, bodyText: '{"__type":"com.amazon.coral.service#ThrottlingException","message":"slow down"}', provider: 'B' });
    assert.equal(fromBody.code, 'rate_limited');
    const bare = parseBedrockError({ status: 503, bodyText: 'Service Unavailable', provider: 'B' });
    assert.equal(bare.code, 'upstream_overloaded');
  });

  it('recognises a prompt that is too long, keeps client-facing messages and hides 5xx details', () => {
    const long = parseBedrockError({ status: 400, bodyText: '{"message":"Input is too long for requested model."}', headers: coral('ValidationException'), provider: 'B' });
    assert.equal(long.code, 'context_length_exceeded');
    assert.equal(long.message, 'Input is too long for requested model.');
    const internal = parseBedrockError({ status: 500, bodyText: '{"message":"stack trace here"}', headers: coral('InternalServerException'), provider: 'B' });
    assert.equal(internal.message, 'Provider returned error');
  });

  it('never passes an AWS access key id on', () => {
    const error = parseBedrockError({
      status: 403,
      bodyText: '{"message":"Credential AKIAIOSFODNN7EXAMPLE is not authorized"}',
      headers: coral('AccessDeniedException'),
      provider: 'B',
    });
    assert.doesNotMatch(JSON.stringify(error.metadata), /AKIAIOSFODNN7EXAMPLE/);
  });

  it('never passes on an API key of another family either (e.g. a Bedrock API key echoed back)', () => {
    const error = parseBedrockError({
      status: 400,
      bodyText: '{"message":"Bearer key-ABCDEFGH123456 cannot be used here"}',
      headers: coral('ValidationException'),
      provider: 'B',
    });
    assert.doesNotMatch(JSON.stringify(error.metadata), /ABCDEFGH123456/);
    assert.doesNotMatch(error.message, /ABCDEFGH123456/);
  });

  it('keeps Retry-After', () => {
    const error = parseBedrockError({ status: 429, bodyText: '{}', headers: coral('ThrottlingException'), retryAfter: '3', provider: 'B' });
    assert.equal(error.retryAfterSeconds, 3);
  });
});
