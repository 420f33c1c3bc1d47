import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeResponsesObject } from './encode-responses-object.js';

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 }, cost: 0.001 };

test('text with reasoning: reasoning item then message item, usage with cached/reasoning tokens and cost', () => {
  const response = encodeResponsesObject({ id: 'gen-1', model: 'm', createdAtMs: 1_700_000_000_500, usage, choice: { index: 0, message: { role: 'assistant', content: 'hi', reasoning: 'think' }, finishReason: 'stop', nativeFinishReason: null } });
  assert.equal(response.status, 'completed');
  assert.equal(response.created_at, 1_700_000_000);
  assert.deepEqual((response.output as { type: string }[]).map((item) => item.type), ['reasoning', 'message']);
  assert.deepEqual(response.usage, { input_tokens: 10, input_tokens_details: { cached_tokens: 4 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 2 }, total_tokens: 15, cost: 0.001 });
});

test('parallel tool calls become function_call items; a length finish is incomplete', () => {
  const calls = [{ id: 'call_a', type: 'function' as const, function: { name: 'f', arguments: '{"x":1}' } }, { id: 'call_b', type: 'function' as const, function: { name: 'g', arguments: '{}' } }];
  const response = encodeResponsesObject({ id: 'gen-2', model: 'm', createdAtMs: 0, usage, choice: { index: 0, message: { role: 'assistant', content: null, tool_calls: calls }, finishReason: 'length', nativeFinishReason: null } });
  const output = response.output as { type: string; call_id: string; arguments: string }[];
  assert.deepEqual(output.map((item) => [item.type, item.call_id, item.arguments]), [['function_call', 'call_a', '{"x":1}'], ['function_call', 'call_b', '{}']]);
  assert.equal(response.status, 'incomplete');
  assert.deepEqual(response.incomplete_details, { reason: 'max_output_tokens' });
});
