import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { fromBedrockConverseResponse } from './from-bedrock-converse-response.js';
import { replayReasoningDetails } from './replay-reasoning-details.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('fromBedrockConverseResponse', () => {
  it('maps reasoning (signed and redacted), text, parallel tool uses, stop reason and cached usage', () => {
    const result = fromBedrockConverseResponse(fixture('converse-reasoning-tools.json'), 'Amazon Bedrock');
    const choice = result.choices[0];
    assert.equal(choice?.message.content, "I'll check both cities.");
    assert.equal(choice?.message.reasoning, 'The user wants the weather in two cities, so I will call the tool twice.');
    assert.deepEqual(choice?.message.reasoning_details, [
      {
        type: 'reasoning.text',
        text: 'The user wants the weather in two cities, so I will call the tool twice.',
        signature: 'EqoBCkgIARABGAIiQL2v0lNEq0wXo4jQ8yGx3W5cSv3bTq9nO2H4Y+7b1kz0mK6E5P0pq3Y9X1rV6XrZLf6nNHYaTZtZ2C5mWJvEKu0SDA==',
        format: 'anthropic-claude-v1',
        index: 0,
      },
      {
        type: 'reasoning.encrypted',
        data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YrNXtxJzt4wEhnIdX2BGwxKFgUzI2rAB2Ve7cTyBBLfKg==',
        format: 'anthropic-claude-v1',
        index: 1,
      },
    ]);
    assert.deepEqual(choice?.message.tool_calls, [
      { id: 'tooluse_bpe71yCfRu2b5i-nKGDr5g', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'tooluse_Hl8c0SJ7QsOTdNpZ7QX5Ng', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Berlin","unit":"celsius"}' } },
    ]);
    assert.equal(choice?.finishReason, 'tool_calls');
    assert.equal(choice?.nativeFinishReason, 'tool_use');
    // inputTokens excludes cache reads; the canonical prompt count includes them.
    assert.deepEqual(result.tokens, { promptTokens: 2460, completionTokens: 187, cachedReadTokens: 2048, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it('round-trips its reasoning details into replayable blocks', () => {
    const result = fromBedrockConverseResponse(fixture('converse-reasoning-tools.json'), 'Amazon Bedrock');
    const blocks = replayReasoningDetails(result.choices[0]?.message.reasoning_details);
    const original = JSON.parse(fixture('converse-reasoning-tools.json')).output.message.content.slice(0, 2);
    assert.deepEqual(blocks, original);
  });

  it('returns the JSON-response tool input as message text with finish_reason stop', () => {
    const result = fromBedrockConverseResponse(fixture('converse-json-response.json'), 'Amazon Bedrock');
    assert.equal(result.choices[0]?.message.content, '{"city":"Paris","temperature":18.5}');
    assert.equal(result.choices[0]?.message.tool_calls, undefined);
    assert.equal(result.choices[0]?.finishReason, 'stop');
    assert.equal(result.choices[0]?.nativeFinishReason, 'tool_use');
  });

  it('maps every documented stop reason', () => {
    const expected: Record<string, string> = {
      end_turn: 'stop',
      stop_sequence: 'stop',
      max_tokens: 'length',
      model_context_window_exceeded: 'length',
      guardrail_intervened: 'content_filter',
      content_filtered: 'content_filter',
      malformed_model_output: 'error',
      malformed_tool_use: 'error',
    };
    for (const [stopReason, finish] of Object.entries(expected)) {
      const body = JSON.stringify({ output: { message: { role: 'assistant', content: [{ text: 'x' }] } }, stopReason });
      assert.equal(fromBedrockConverseResponse(body, 'B').choices[0]?.finishReason, finish, stopReason);
    }
  });

  it('reports missing usage as undefined and rejects bodies that are not Converse responses', () => {
    const body = JSON.stringify({ output: { message: { role: 'assistant', content: [{ text: 'x' }] } }, stopReason: 'end_turn' });
    assert.equal(fromBedrockConverseResponse(body, 'B').tokens, undefined);
    assert.throws(() => fromBedrockConverseResponse('{"output":', 'B'), (error: unknown) => error instanceof UpstreamError && error.retryable);
    assert.throws(() => fromBedrockConverseResponse('{"message":"hi"}', 'B'), /no output message/);
  });
});
