import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { fromGeminiResponse } from './from-gemini-response.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('fromGeminiResponse', () => {
  it('splits thoughts from text, keeps the signature, counts cached and thought tokens', () => {
    const result = fromGeminiResponse(fixture('text-with-thoughts.json'), 'Google AI Studio');
    assert.equal(result.upstreamId, 'bH6LaZW8Fp_3nsEPqtaSwQ4');
    const choice = result.choices[0]!;
    assert.equal(choice.message.content, 'There are **3** "r"s in strawberry.');
    assert.equal(choice.message.reasoning, '**Counting letters**\n\nI spell strawberry and count each r.');
    assert.deepEqual(choice.message.reasoning_details, [
      { type: 'reasoning.text', text: '**Counting letters**\n\nI spell strawberry and count each r.', format: 'google-gemini-v1', index: 0 },
      { type: 'reasoning.encrypted', data: 'EqUCCqICAdHtim9sig1', format: 'google-gemini-v1', index: 1 },
    ]);
    assert.equal(choice.message.tool_calls, undefined);
    assert.equal(choice.finishReason, 'stop');
    assert.equal(choice.nativeFinishReason, 'STOP');
    // prompt includes the cached 1024; completion = 23 candidates + 185 thoughts.
    assert.deepEqual(result.tokens, { promptTokens: 1209, completionTokens: 208, cachedReadTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 185 });
  });

  it('gives parallel function calls distinct stable ids and binds the signature to its call', () => {
    const result = fromGeminiResponse(fixture('parallel-function-calls.json'), 'G');
    const message = result.choices[0]!.message;
    const calls = message.tool_calls ?? [];
    assert.deepEqual(calls.map((call) => [call.type, call.function.name, call.function.arguments]), [
      ['function', 'get_weather', '{"city":"Paris"}'],
      ['function', 'get_weather', '{"city":"London"}'],
    ]);
    assert.match(calls[0]!.id, /^call_[A-Za-z0-9_-]+_0$/);
    assert.notEqual(calls[0]!.id, calls[1]!.id);
    assert.deepEqual(message.reasoning_details, [{ type: 'reasoning.encrypted', data: 'CiQBcsjafsig2', id: calls[0]!.id, format: 'google-gemini-v1', index: 0 }]);
    assert.equal(message.content, null);
    assert.equal(result.choices[0]!.finishReason, 'tool_calls');
    assert.equal(result.choices[0]!.nativeFinishReason, 'STOP');
  });

  it('uses Gemini\'s own functionCall.id when it sends one', () => {
    const body = { candidates: [{ content: { parts: [{ functionCall: { id: 'fc-77', name: 'f', args: {} } }] }, finishReason: 'STOP' }] };
    assert.equal(fromGeminiResponse(JSON.stringify(body), 'G').choices[0]!.message.tool_calls?.[0]?.id, 'fc-77');
  });

  it('turns a blocked prompt into a content_filter choice with the block reason', () => {
    const result = fromGeminiResponse(fixture('prompt-blocked.json'), 'G');
    assert.deepEqual(result.choices, [{ index: 0, message: { role: 'assistant', content: null }, finishReason: 'content_filter', nativeFinishReason: 'PROHIBITED_CONTENT' }]);
    assert.equal(result.tokens?.promptTokens, 12);
  });

  for (const [label, body] of [
    ['invalid JSON', '{"candidates": ['],
    ['an array', '[]'],
    ['no candidates', '{"modelVersion":"x"}'],
    ['an empty body', ''],
  ] as const) {
    it(`rejects ${label} as an invalid response, retryable`, () => {
      assert.throws(() => fromGeminiResponse(body, 'Google AI Studio'), (error: unknown) => {
        assert.ok(error instanceof UpstreamError);
        assert.equal(error.code, 'upstream_invalid_response');
        assert.equal(error.retryable, true);
        return true;
      });
    });
  }
});

describe('mapGeminiFinishReason', () => {
  const table: Array<[unknown, boolean, string | null]> = [
    [undefined, false, null],
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'error'],
    ['UNEXPECTED_TOOL_CALL', true, 'error'],
    ['OTHER', false, 'stop'],
    ['FINISH_REASON_UNSPECIFIED', false, 'stop'],
  ];
  for (const [reason, tools, expected] of table) {
    it(`${String(reason)}${tools ? ' with tool calls' : ''} → ${String(expected)}`, () => assert.equal(mapGeminiFinishReason(reason, tools), expected));
  }
});
