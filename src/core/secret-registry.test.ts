import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forgetSecret, registerSecret, scrubSecretText, scrubSecrets } from './secret-registry.js';

describe('secret registry scrubber', () => {
  it('redacts a registered prefix-less key by exact match, and a Bearer header value by its token', () => {
    const hex = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    assert.equal(scrubSecretText(`key ${hex}`), `key ${hex}`, 'unknown before registration');
    registerSecret(hex);
    registerSecret('Bearer tok_abcdefghijklmnop');
    assert.equal(scrubSecretText(`key ${hex}!`), 'key [REDACTED_KEY]!');
    assert.equal(scrubSecretText('got tok_abcdefghijklmnop'), 'got [REDACTED_KEY]');
    assert.deepEqual(scrubSecrets({ raw: `<p>${hex}</p>` }), { raw: '<p>[REDACTED_KEY]</p>' });
    forgetSecret(hex);
    assert.equal(scrubSecretText(hex), hex);
  });

  it('knows AWS secret access keys and Google ya29 tokens by shape, but leaves hex digests and words alone', () => {
    assert.equal(scrubSecretText('secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY;'), 'secret=[REDACTED_KEY];');
    assert.equal(scrubSecretText('Bearer ya29.a0AfH6SMBx-token_value'), 'Bearer [REDACTED_KEY]');
    const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
    assert.equal(scrubSecretText(`commit ${sha1}`), `commit ${sha1}`);
    assert.equal(scrubSecretText('short words: registered? no'), 'short words: registered? no');
  });

  it('never registers values too short to be secrets', () => {
    registerSecret('abc');
    assert.equal(scrubSecretText('abc abc'), 'abc abc');
  });
});
