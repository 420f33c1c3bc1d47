import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { JSON_TOOL_NAME, toAnthropicMessagesRequest } from './to-anthropic-messages-request.js';

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

function build(request: Partial<ChatRequest>, maxOutputTokens: number | null = 8192) {
  return toAnthropicMessagesRequest({
    request: { messages: [{ role: 'user', content: 'Hi' }], ...request } as ChatRequest,
    upstreamModel: 'claude-sonnet-4-5',
    stream: false,
    maxOutputTokens,
  });
}

describe('toAnthropicMessagesRequest', () => {
  it('moves system and developer messages to the top-level system, in order, keeping cache_control', () => {
    const { body } = build({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Long manual', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: 'Be terse.' },
      ],
    });
    assert.deepEqual(body.system, [
      { type: 'text', text: 'Long manual', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Be terse.' },
    ]);
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('merges consecutive same-role messages', () => {
    const { body } = build({
      messages: [
        { role: 'user', content: 'one' },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        { role: 'assistant', content: 'three' },
        { role: 'assistant', content: 'four' },
        { role: 'user', content: 'five' },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'three' }, { type: 'text', text: 'four' }] },
      { role: 'user', content: [{ type: 'text', text: 'five' }] },
    ]);
  });

  it('converts image URLs and base64 data URLs to image blocks', () => {
    const { body } = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' } },
          ],
        },
      ],
    });
    assert.deepEqual(body.messages[0]?.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    ]);
  });

  it('turns a PDF file part into a document block and refuses audio', () => {
    const { body } = build({ messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } }] }] });
    assert.deepEqual(body.messages[0]?.content, [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'a.pdf' }]);
    assert.throws(() => build({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] }] }), InvalidRequestError);
  });

  it('translates tool calls and tool results, results first in a merged user turn', () => {
    const { body } = build({
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris and Tokyo?' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '18C' },
        { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '25C' }] },
        { role: 'user', content: 'And tomorrow?' },
      ],
    });
    assert.deepEqual(body.messages[1], {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: {} },
      ],
    });
    assert.deepEqual(body.messages[2], {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: '25C' }] },
        { type: 'text', text: 'And tomorrow?' },
      ],
    });
    assert.deepEqual(body.tools, [{ name: 'get_weather', description: 'Weather for a city', input_schema: weatherTool.function.parameters }]);
    assert.deepEqual(body.tool_choice, { type: 'auto' });
  });

  it('maps tool_choice auto/none/required/named and parallel_tool_calls=false', () => {
    assert.deepEqual(build({ tools: [weatherTool], tool_choice: 'none' }).body.tool_choice, { type: 'none' });
    assert.deepEqual(build({ tools: [weatherTool], tool_choice: 'required' }).body.tool_choice, { type: 'any' });
    assert.deepEqual(build({ tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } }).body.tool_choice, { type: 'tool', name: 'get_weather' });
    assert.deepEqual(build({ tools: [weatherTool], parallel_tool_calls: false }).body.tool_choice, { type: 'auto', disable_parallel_tool_use: true });
    assert.equal(build({ tool_choice: 'auto' }).body.tool_choice, undefined, 'no tools, no tool_choice');
  });

  it('rejects tool-call arguments that are not a JSON object', () => {
    const messages = [{ role: 'assistant' as const, content: null, tool_calls: [{ id: 't', type: 'function' as const, function: { name: 'f', arguments: '{oops' } }] }];
    assert.throws(() => build({ messages }), /not valid JSON/);
  });

  it('defaults max_tokens to the endpoint limit, else 4096, and prefers max_completion_tokens', () => {
    assert.equal(build({}).body.max_tokens, 8192);
    assert.equal(build({}, null).body.max_tokens, 4096);
    assert.equal(build({ max_tokens: 100, max_completion_tokens: 50 }).body.max_tokens, 50);
  });

  it('passes sampling and stop settings, clamps temperature, drops what Anthropic cannot take', () => {
    const { body } = build({ temperature: 1.7, top_p: 0.9, top_k: 40, stop: ['END', '  '], user: 'u-1', seed: 3, n: 1, frequency_penalty: 0.5, logprobs: true, logit_bias: {} });
    assert.equal(body.temperature, 1);
    assert.equal(body.top_p, 0.9);
    assert.equal(body.top_k, 40);
    assert.deepEqual(body.stop_sequences, ['END']);
    assert.deepEqual(body.metadata, { user_id: 'u-1' });
    for (const field of ['seed', 'n', 'frequency_penalty', 'logprobs', 'logit_bias', 'stop', 'user']) assert.equal(field in body, false, field);
    assert.deepEqual(build({ stop: 'STOP' }).body.stop_sequences, ['STOP']);
  });

  it('turns reasoning effort into a thinking budget and drops sampling parameters', () => {
    const { body } = build({ max_tokens: 10000, reasoning: { effort: 'high' }, temperature: 0.2, top_k: 5 });
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 8000 });
    assert.equal(body.max_tokens, 10000);
    assert.equal(body.temperature, undefined);
    assert.equal(body.top_k, undefined);
    assert.deepEqual(build({ reasoning_effort: 'low' }).body.thinking, { type: 'enabled', budget_tokens: 1638 });
    assert.deepEqual(build({ reasoning: { max_tokens: 3000 } }).body.thinking, { type: 'enabled', budget_tokens: 3000 });
    assert.equal(build({ reasoning: { effort: 'none' } }).body.thinking, undefined);
    assert.equal(build({}).body.thinking, undefined);
  });

  it('keeps the budget at least 1024 and under max_tokens, adding it on top of a small max_tokens', () => {
    const { body } = build({ max_tokens: 300, reasoning: { effort: 'medium' } });
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 1024 });
    assert.equal(body.max_tokens, 1324);
  });

  it('replays thinking blocks from reasoning_details first in the assistant turn, with tools', () => {
    const { body } = build({
      reasoning: { effort: 'medium' },
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          reasoning: 'Need the tool.',
          reasoning_details: [
            { type: 'reasoning.text', text: 'Need ', format: 'anthropic-claude-v1', index: 0 },
            { type: 'reasoning.text', text: 'the tool.', format: 'anthropic-claude-v1', index: 0 },
            { type: 'reasoning.text', signature: 'sig-abc', format: 'anthropic-claude-v1', index: 0 },
            { type: 'reasoning.encrypted', data: 'opaque', format: 'anthropic-claude-v1', index: 1 },
            { type: 'reasoning.text', text: 'gemini thought', signature: 'g', format: 'google-gemini-v1', index: 2 },
          ],
          tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '18C' },
      ],
    });
    assert.deepEqual(body.messages[1]?.content, [
      { type: 'thinking', thinking: 'Need the tool.', signature: 'sig-abc' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    assert.ok(body.thinking, 'thinking stays on when the open tool turn carries its thinking');
  });

  it('turns thinking off when the open tool turn lost its thinking, or a tool is forced', () => {
    const messages = [
      { role: 'user' as const, content: 'Weather?' },
      { role: 'assistant' as const, content: null, tool_calls: [{ id: 't1', type: 'function' as const, function: { name: 'get_weather', arguments: '{}' } }] },
      { role: 'tool' as const, tool_call_id: 't1', content: 'sunny' },
    ];
    assert.equal(build({ reasoning: { effort: 'high' }, tools: [weatherTool], messages }).body.thinking, undefined);
    assert.ok(build({ reasoning: { effort: 'high' }, tools: [weatherTool], messages: [...messages, { role: 'assistant', content: 'Sunny.' }, { role: 'user', content: 'Thanks' }] }).body.thinking);
    assert.equal(build({ reasoning: { effort: 'high' }, tools: [weatherTool], tool_choice: 'required' }).body.thinking, undefined);
  });

  it('asks for JSON through a forced tool carrying the schema', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
    const { body } = build({ response_format: { type: 'json_schema', json_schema: { name: 'person', strict: true, schema } } });
    assert.deepEqual(body.tools, [{ name: JSON_TOOL_NAME, description: body.tools?.[0]?.description, input_schema: schema }]);
    assert.deepEqual(body.tool_choice, { type: 'tool', name: JSON_TOOL_NAME });
    const object = build({ response_format: { type: 'json_object' } }).body;
    assert.deepEqual(object.tools?.[0]?.input_schema, { type: 'object', additionalProperties: true });
    const thinking = build({ response_format: { type: 'json_object' }, reasoning: { effort: 'low' } }).body;
    assert.deepEqual(thinking.tool_choice, { type: 'auto' }, 'forcing a tool is refused with thinking on');
    assert.match(JSON.stringify(thinking.system), new RegExp(JSON_TOOL_NAME));
  });

  it('carries cache_control on tools and at the top level and asks for the 1h cache beta', () => {
    const { body, betas } = build({
      cache_control: { type: 'ephemeral' },
      tools: [{ ...weatherTool, cache_control: { type: 'ephemeral', ttl: '1h' } }],
    });
    assert.deepEqual(body.tools?.[0]?.cache_control, { type: 'ephemeral', ttl: '1h' });
    assert.deepEqual(body.cache_control, { type: 'ephemeral' });
    assert.deepEqual(betas, ['extended-cache-ttl-2025-04-11']);
    assert.deepEqual(build({}).betas, []);
  });

  it('trims trailing whitespace off an assistant prefill and sets stream', () => {
    const { body } = toAnthropicMessagesRequest({
      request: { messages: [{ role: 'user', content: 'Say hi' }, { role: 'assistant', content: 'Hi there ' }] } as ChatRequest,
      upstreamModel: 'm',
      stream: true,
    });
    assert.deepEqual(body.messages[1], { role: 'assistant', content: [{ type: 'text', text: 'Hi there' }] });
    assert.equal(body.stream, true);
  });

  it("re-sends an Anthropic client's request unchanged: inline system turns, thinking, effort, context management, metadata, betas", () => {
    const userId = JSON.stringify({ device_id: 'd1', session_id: 's1' });
    const { body, betas } = build(
      {
        max_tokens: 32000,
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral', ttl: '1h', scope: 'global' } }] },
          { role: 'user', content: 'hi' },
          { role: 'system', content: 'reminder' },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: 'more' },
        ],
        reasoning: { enabled: true, effort: 'high' },
        user: userId,
        anthropic: {
          betas: ['mid-conversation-system-2026-04-07', 'context-management-2025-06-27'],
          inlineSystem: true,
          fields: {
            thinking: { type: 'adaptive' },
            output_config: { effort: 'high' },
            context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
            metadata: { user_id: userId },
          },
        },
      },
      8192,
    );
    assert.deepEqual(body, {
      model: 'claude-sonnet-4-5',
      max_tokens: 32000,
      system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral', ttl: '1h', scope: 'global' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'system', content: [{ type: 'text', text: 'reminder' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
        { role: 'user', content: [{ type: 'text', text: 'more' }] },
      ],
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      metadata: { user_id: userId },
    });
    assert.deepEqual(betas, ['mid-conversation-system-2026-04-07', 'context-management-2025-06-27', 'extended-cache-ttl-2025-04-11']);
  });

  it('still merges mid-conversation system messages into the top-level system for OpenAI clients', () => {
    const { body } = build({ messages: [{ role: 'user', content: 'hi' }, { role: 'system', content: 'late' }, { role: 'user', content: 'again' }] });
    assert.deepEqual(body.system, [{ type: 'text', text: 'late' }]);
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'text', text: 'again' }] }]);
  });
});
