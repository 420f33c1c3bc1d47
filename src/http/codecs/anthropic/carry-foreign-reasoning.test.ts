import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesCodec } from './anthropic-messages-codec.js';
import { toAnthropicReasoningBlock, unwrapReasoningValue, wrapReasoningValue } from './carry-foreign-reasoning.js';

describe('reasoning from other vendors through Anthropic blocks', () => {
  it('keeps Claude signatures byte-for-byte and wraps other formats with their id', () => {
    assert.equal(wrapReasoningValue({ format: 'anthropic-claude-v1', value: 'EqQBCkYIBxgC' }), 'EqQBCkYIBxgC');
    const wrapped = wrapReasoningValue({ format: 'google-gemini-v1', value: 'sig/+=', id: 'call_1' });
    assert.match(wrapped, /^switchyard\.v1\./);
    assert.deepEqual(unwrapReasoningValue(wrapped), { format: 'google-gemini-v1', value: 'sig/+=', id: 'call_1' });
    assert.deepEqual(unwrapReasoningValue('EqQBCkYIBxgC'), { format: 'anthropic-claude-v1', value: 'EqQBCkYIBxgC' });
    assert.deepEqual(unwrapReasoningValue('switchyard.v1.%%%'), { format: 'anthropic-claude-v1', value: 'switchyard.v1.%%%' });
  });

  it('round-trips a Gemini thought signature bound to a tool call through a client turn', () => {
    const detail = { type: 'reasoning.encrypted', data: 'gemini-sig', id: 'call_9', format: 'google-gemini-v1', index: 0 };
    const block = toAnthropicReasoningBlock(detail);
    assert.equal(block?.type, 'redacted_thinking');
    const request = anthropicMessagesCodec.parseRequest({
      model: 'google/gemini-2.5-flash',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [block, { type: 'tool_use', id: 'call_9', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_9', content: 'ok' }] },
      ],
    });
    assert.deepEqual(request.messages[1]?.reasoning_details, [detail]);
  });
});
