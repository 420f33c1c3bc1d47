import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scrubSecretText, scrubSecrets } from './scrub-secrets.js';

describe('scrubSecrets', () => {
  it('redacts every credential family in text and in parsed bodies', () => {
    const keys = ['sk-proj-abc1234567', 'gsk_0123456789abcdef', 'AIzaSyA1234567890abcdefghijklmnopqrstuv', 'AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE'];
    for (const key of keys) {
      assert.equal(scrubSecretText(`bad key ${key} here`), 'bad key [REDACTED_KEY] here', key);
      assert.deepEqual(scrubSecrets({ error: { message: `bad key ${key}` } }), { error: { message: 'bad key [REDACTED_KEY]' } }, key);
    }
  });

  it('returns a clean body as the same value and tolerates undefined', () => {
    const body = { error: { message: 'fine' } };
    assert.equal(scrubSecrets(body), body);
    assert.equal(scrubSecrets(undefined), undefined);
  });
});
