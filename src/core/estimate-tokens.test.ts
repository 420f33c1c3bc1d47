import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from './canonical/chat-request.js';
import { countTokens, estimatePromptTokens } from './estimate-tokens.js';

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
