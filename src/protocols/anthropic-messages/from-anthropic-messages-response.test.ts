import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { fromAnthropicMessagesResponse } from './from-anthropic-messages-response.js';
import { readAnthropicFixture } from './read-anthropic-fixture.js';

describe('fromAnthropicMessagesResponse', () => {
  it('reads text, the stop reason and cache usage (prompt = input + cache read + cache write)', () => {
    const result = fromAnthropicMessagesResponse(readAnthropicFixture('anthropic-text.json'), 'Anthropic');
    assert.equal(result.upstreamId, 'msg_01XFDUDYJgAACzvnptvVoYEL');
    assert.deepEqual(result.choices, [
      { index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?' }, finishReason: 'stop', nativeFinishReason: 'end_turn' },
    ]);
    assert.deepEqual(result.tokens, { promptTokens: 12 + 1500 + 2048, completionTokens: 10, cachedReadTokens: 1500, cacheWriteTokens: 2048, reasoningTokens: 0 });
  });

  it('reads thinking (signatures kept), redacted thinking, text and parallel tool calls', () => {
    const result = fromAnthropicMessagesResponse(readAnthropicFixture('anthropic-thinking-tools.json'), 'Anthropic');
    const choice = result.choices[0];
    assert.equal(choice?.finishReason, 'tool_calls');
    assert.equal(choice?.nativeFinishReason, 'tool_use');
    assert.deepEqual(choice?.message, {
      role: 'assistant',
      content: "I'll check both cities.",
      reasoning: 'The user wants the weather in two cities. I should call the tool twice.',
      reasoning_details: [
        {
          type: 'reasoning.text',
          text: 'The user wants the weather in two cities. I should call the tool twice.',
          signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds',
          format: 'anthropic-claude-v1',
          index: 0,
        },
        { type: 'reasoning.encrypted', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP', format: 'anthropic-claude-v1', index: 1 },
      ],
      tool_calls: [
        { id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' } },
        { id: 'toolu_01B19r91rx91mr028946mr0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo","unit":"celsius"}' } },
      ],
    });
    assert.equal(result.tokens?.reasoningTokens, 40);
    assert.equal(result.tokens?.completionTokens, 148);
  });

  it('returns the JSON-output tool input as content with finish_reason stop', () => {
    const result = fromAnthropicMessagesResponse(readAnthropicFixture('anthropic-json-tool.json'), 'Anthropic');
    assert.deepEqual(result.choices[0]?.message, { role: 'assistant', content: '{"name":"Ada","age":36}' });
    assert.equal(result.choices[0]?.finishReason, 'stop');
    assert.equal(result.choices[0]?.nativeFinishReason, 'tool_use');
  });

  it('maps every stop reason', () => {
    const cases: Array<[string, string]> = [
      ['end_turn', 'stop'], ['stop_sequence', 'stop'], ['pause_turn', 'stop'], ['max_tokens', 'length'],
      ['model_context_window_exceeded', 'length'], ['refusal', 'content_filter'],
    ];
    for (const [native, expected] of cases) {
      const body = JSON.stringify({ id: 'm', type: 'message', role: 'assistant', content: [{ type: 'text', text: 'x' }], stop_reason: native, usage: { input_tokens: 1, output_tokens: 1 } });
      assert.equal(fromAnthropicMessagesResponse(body, 'A').choices[0]?.finishReason, expected, native);
    }
  });

  it('rejects bodies that are not messages as retryable invalid responses', () => {
    for (const body of ['{"type":"mess', '{"choices":[]}', 'null']) {
      assert.throws(() => fromAnthropicMessagesResponse(body, 'Anthropic'), (error: unknown) => error instanceof UpstreamError && error.code === 'upstream_invalid_response' && error.retryable);
    }
  });
});
