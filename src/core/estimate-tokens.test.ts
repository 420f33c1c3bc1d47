import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from './canonical/chat-request.js';
import { countTokens, estimatePromptTokens, measurePromptTokens, SYNC_EXACT_CHARS } from './estimate-tokens.js';

describe('estimatePromptTokens', () => {
  it('counts message text with the tokenizer plus the chat-format overhead', () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: text }] };
    assert.equal(estimatePromptTokens(request), 3 + 3 + countTokens(text));
  });

  it('recounts when guardrails replace the messages or the tools change, never reusing a stale count', () => {
    const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'my card is 4111 1111 1111 1111, please remember it' }] };
    const before = estimatePromptTokens(request);
    assert.equal(estimatePromptTokens({ ...request, model: 'other' }), before, 'same messages and tools: same count');
    // Redaction replaces the messages array on the same request object (apply-content-policy.ts).
    request.messages = [{ role: 'user', content: '[REDACTED]' }];
    assert.equal(estimatePromptTokens(request), 3 + 3 + countTokens('[REDACTED]'));
    const withTools = { ...request, tools: [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object' } } }] };
    assert.ok(estimatePromptTokens(withTools) > estimatePromptTokens(request), 'tools are part of the prompt');
  });
});

describe('measurePromptTokens', () => {
  it('makes no promise for a prompt the synchronous estimate counts anyway, and counts a bigger one ahead', async () => {
    const small: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hello there' }] };
    assert.equal(measurePromptTokens(small), undefined);
    const big: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'word '.repeat(SYNC_EXACT_CHARS / 4) }] };
    const pending = measurePromptTokens(big);
    assert.ok(pending instanceof Promise);
    await pending;
    // Counted exactly ahead (about a token per word), not the byte bound the synchronous estimate falls back to.
    assert.ok(estimatePromptTokens(big) < SYNC_EXACT_CHARS / 2);
  });
});
