import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequestError } from '../../../core/errors/gateway-error.js';
import { anthropicMessagesCodec } from './anthropic-messages-codec.js';
import { mapAnthropicModelId } from './map-anthropic-model-id.js';

const parse = (body: Record<string, unknown>) => anthropicMessagesCodec.parseRequest({ model: 'sim/echo', max_tokens: 64, ...body });

describe('Anthropic request → canonical request', () => {
  it('maps system blocks, sampling, stop sequences, metadata, thinking and structured output', () => {
    const request = parse({
      system: [{ type: 'text', text: 'Rules', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'hi' }],
      stop_sequences: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      metadata: { user_id: 'u-1' },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
      service_tier: 'auto',
      stream: true,
    });
    assert.deepEqual(request, {
      model: 'sim/echo',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Rules', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: 'hi' },
      ],
      max_tokens: 64,
      stream: true,
      stop: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      user: 'u-1',
      reasoning: { max_tokens: 2048 },
      response_format: { type: 'json_schema', json_schema: { name: 'output', schema: { type: 'object' }, strict: true } },
      anthropic: {
        betas: [],
        inlineSystem: false,
        fields: { metadata: { user_id: 'u-1' }, thinking: { type: 'enabled', budget_tokens: 2048 }, service_tier: 'auto' },
      },
    });
  });

  it('keeps a mid-conversation system turn at its position and what Claude Code sends for Anthropic upstreams', () => {
    const userId = JSON.stringify({ device_id: 'd1', account_uuid: '', session_id: 's1' });
    const request = anthropicMessagesCodec.parseRequest(
      {
        model: 'claude-opus-4-8',
        max_tokens: 32000,
        system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral', ttl: '1h', scope: 'global' } }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
          { role: 'system', content: [{ type: 'text', text: '<system-reminder>skills</system-reminder>' }] },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: 'more' },
          { role: 'system', content: 'be brief' },
        ],
        thinking: { type: 'adaptive' },
        output_config: { effort: 'high' },
        context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
        metadata: { user_id: userId },
        stream: true,
      },
      { 'anthropic-beta': 'claude-code-20250219,mid-conversation-system-2026-04-07, context-management-2025-06-27,effort-2025-11-24' },
    );
    assert.deepEqual(
      request.messages.map((message) => [message.role, message.content]),
      [
        ['system', [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral', ttl: '1h', scope: 'global' } }]],
        ['user', [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral', ttl: '1h' } }]],
        ['system', [{ type: 'text', text: '<system-reminder>skills</system-reminder>' }]],
        ['assistant', 'hello'],
        ['user', 'more'],
        ['system', 'be brief'],
      ],
    );
    assert.equal(request.model, 'anthropic/claude-opus-4.8');
    assert.equal(request.user, userId);
    assert.deepEqual(request.reasoning, { enabled: true, effort: 'high' });
    assert.deepEqual(request.anthropic, {
      betas: ['claude-code-20250219', 'mid-conversation-system-2026-04-07', 'context-management-2025-06-27', 'effort-2025-11-24'],
      inlineSystem: true,
      fields: {
        thinking: { type: 'adaptive' },
        output_config: { effort: 'high' },
        context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
        metadata: { user_id: userId },
      },
    });
  });

  it('maps tools and every tool_choice', () => {
    const tools = [{ name: 'f', description: 'd', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }];
    const messages = [{ role: 'user', content: 'x' }];
    const choice = (tool_choice: unknown) => {
      const request = parse({ messages, tools, tool_choice });
      return [request.tool_choice, request.parallel_tool_calls];
    };
    assert.deepEqual(parse({ messages, tools }).tools, [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' } }, cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual(choice({ type: 'auto' }), ['auto', undefined]);
    assert.deepEqual(choice({ type: 'any', disable_parallel_tool_use: true }), ['required', false]);
    assert.deepEqual(choice({ type: 'tool', name: 'f' }), [{ type: 'function', function: { name: 'f' } }, undefined]);
    assert.deepEqual(choice({ type: 'none' }), ['none', undefined]);
  });

  it('splits tool results out of user turns and keeps thinking signatures on assistant turns', () => {
    const request = parse({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'plan', signature: 'sig1' },
            { type: 'redacted_thinking', data: 'enc' },
            { type: 'text', text: 'calling' },
            { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'r1' }] },
            { type: 'text', text: 'and?' },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'a.pdf' },
          ],
        },
      ],
    });
    assert.deepEqual(request.messages.slice(1), [
      {
        role: 'assistant',
        content: 'calling',
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        reasoning: 'plan',
        reasoning_details: [
          { type: 'reasoning.text', text: 'plan', signature: 'sig1', format: 'anthropic-claude-v1', index: 0 },
          { type: 'reasoning.encrypted', data: 'enc', format: 'anthropic-claude-v1', index: 1 },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: [{ type: 'text', text: 'r1' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'and?' },
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
        ],
      },
    ]);
  });

  it('turns fallbacks into models and maps bare ids in both', () => {
    const request = parse({ model: 'claude-3-5-haiku-latest', fallbacks: [{ model: 'claude-opus-4-1-20250805' }], messages: [{ role: 'user', content: 'x' }] });
    assert.equal(request.model, 'anthropic/claude-3.5-haiku');
    assert.deepEqual(request.models, ['anthropic/claude-opus-4.1']);
  });

  it('rejects what Anthropic rejects, with a 400 naming the field', () => {
    const rejects = (body: Record<string, unknown>, fragment: RegExp) =>
      assert.throws(() => anthropicMessagesCodec.parseRequest(body), (error: unknown) => error instanceof InvalidRequestError && fragment.test(error.message));
    rejects({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, /max_tokens/);
    rejects({ model: 'm', max_tokens: 5, messages: [{ role: 'developer', content: 'x' }] }, /messages\[0\]\.role/);
    rejects(
      { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }, { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] }] },
      /messages\[1\]\.content\[0\]: a system message takes text blocks only/,
    );
    rejects({ model: 'm', max_tokens: 5, temperature: 1.5, messages: [{ role: 'user', content: 'x' }] }, /temperature/);
    rejects({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] }] }, /user message cannot contain tool_use/);
    rejects({ model: 'm', max_tokens: 5, models: ['a'], fallbacks: [{ model: 'b' }], messages: [{ role: 'user', content: 'x' }] }, /either "models" or "fallbacks"/);
  });
});

describe('mapAnthropicModelId', () => {
  it('maps bare Claude ids to catalog ids and leaves everything else alone', () => {
    assert.equal(mapAnthropicModelId('claude-sonnet-4-20250514'), 'anthropic/claude-sonnet-4');
    assert.equal(mapAnthropicModelId('claude-sonnet-4-5'), 'anthropic/claude-sonnet-4.5');
    assert.equal(mapAnthropicModelId('claude-3-7-sonnet-20250219'), 'anthropic/claude-3.7-sonnet');
    assert.equal(mapAnthropicModelId('claude-3-haiku-20240307'), 'anthropic/claude-3-haiku');
    assert.equal(mapAnthropicModelId('anthropic/claude-sonnet-4'), 'anthropic/claude-sonnet-4');
    assert.equal(mapAnthropicModelId('gpt-4o'), 'gpt-4o');
  });
});
