import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCanonicalChatRequest } from './to-canonical-chat-request.js';

test('string input and instructions become system + user messages; max_output_tokens → max_tokens', () => {
  const request = toCanonicalChatRequest({ model: 'openai/gpt-4o', input: 'hi', instructions: 'be brief', max_output_tokens: 50, store: false });
  assert.deepEqual(request.messages, [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }]);
  assert.equal(request.max_tokens, 50);
  assert.equal(request.model, 'openai/gpt-4o');
});

test('parallel function_call items become one assistant turn; outputs become tool messages', () => {
  const request = toCanonicalChatRequest({
    model: 'm',
    input: [
      { type: 'message', id: 'msg_1', role: 'user', content: [{ type: 'input_text', text: 'weather?' }] },
      { type: 'function_call', id: 'fc_1', call_id: 'call_a', name: 'get', arguments: '{"city":"A"}' },
      { type: 'function_call', id: 'fc_2', call_id: 'call_b', name: 'get', arguments: '{"city":"B"}' },
      { type: 'function_call_output', call_id: 'call_a', output: 'sunny' },
      { type: 'function_call_output', call_id: 'call_b', output: 'rain' },
    ],
    tools: [{ type: 'function', name: 'get', parameters: { type: 'object' } }, { type: 'web_search' }, { type: 'namespace', name: 'ns', tools: [{ type: 'function', name: 'inner' }] }],
    tool_choice: { type: 'function', name: 'get' },
  });
  assert.equal(request.messages.length, 4);
  assert.deepEqual(request.messages[1]?.tool_calls?.map((call) => call.id), ['call_a', 'call_b']);
  assert.deepEqual(request.messages[2], { role: 'tool', tool_call_id: 'call_a', content: 'sunny' });
  assert.deepEqual((request.tools as { function: { name: string } }[]).map((tool) => tool.function.name), ['get', 'inner']);
  assert.deepEqual(request.tool_choice, { type: 'function', function: { name: 'get' } });
});

test('text.format json_schema and reasoning effort map to the canonical fields', () => {
  const request = toCanonicalChatRequest({ input: 'x', text: { format: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true } }, reasoning: { effort: 'high' } });
  assert.deepEqual(request.response_format, { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } });
  assert.deepEqual(request.reasoning, { effort: 'high' });
});

test('stateful features and unsupported items are refused by name', () => {
  assert.throws(() => toCanonicalChatRequest({ input: 'x', previous_response_id: 'resp_1' }), /previous_response_id/);
  assert.throws(() => toCanonicalChatRequest({ input: 'x', conversation: 'conv_1' }), /conversation/);
  assert.throws(() => toCanonicalChatRequest({ input: [{ type: 'computer_call' }] }), /computer_call/);
  assert.throws(() => toCanonicalChatRequest({ input: 'x', tools: [{ type: 'file_search' }] }), /file_search/);
});
