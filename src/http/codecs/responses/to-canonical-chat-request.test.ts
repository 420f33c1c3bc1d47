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

test('reasoning items give their encrypted_content back to the assistant turn they belong to, unchanged', async () => {
  const { packReasoningDetails } = await import('./carry-reasoning-details.js');
  const details = [{ type: 'reasoning.text', text: 'hmm', signature: 'sig-abc', format: 'anthropic-claude-v1' }];
  const request = toCanonicalChatRequest({
    input: [
      { type: 'message', role: 'user', content: 'q' },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'hmm' }], encrypted_content: packReasoningDetails(details) },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'calling' }] },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'ok' },
      { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'gAAAAB-openai-opaque' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'done' }] },
    ],
  });
  assert.deepEqual(request.messages.map((message) => message.role), ['user', 'assistant', 'tool', 'assistant']);
  assert.deepEqual(request.messages[1]?.reasoning_details, details);
  assert.deepEqual(request.messages[1]?.tool_calls?.map((call) => call.id), ['c1'], 'text and calls of one turn stay one assistant message');
  assert.deepEqual(request.messages[3]?.reasoning_details, [{ type: 'reasoning.encrypted', data: 'gAAAAB-openai-opaque', format: 'openai-responses-v1' }]);
});
