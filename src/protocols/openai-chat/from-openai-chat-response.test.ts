import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { fromOpenAIChatResponse } from './from-openai-chat-response.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

const completion = {
  id: 'chatcmpl-abc',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  system_fingerprint: 'fp_1',
  service_tier: 'default',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hello!', refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 100,
    completion_tokens: 40,
    total_tokens: 140,
    prompt_tokens_details: { cached_tokens: 64, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 12 },
  },
};

describe('fromOpenAIChatResponse', () => {
  it('reads choices, usage, fingerprint and carried fields', () => {
    const result = fromOpenAIChatResponse(JSON.stringify(completion), 'OpenAI');
    assert.equal(result.upstreamId, 'chatcmpl-abc');
    assert.equal(result.systemFingerprint, 'fp_1');
    assert.deepEqual(result.extra, { service_tier: 'default' });
    assert.deepEqual(result.tokens, { promptTokens: 100, completionTokens: 40, cachedReadTokens: 64, cacheWriteTokens: 0, reasoningTokens: 12 });
    assert.deepEqual(result.choices, [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello!', refusal: null },
        finishReason: 'stop',
        nativeFinishReason: 'stop',
        logprobs: null,
      },
    ]);
  });

  it('turns DeepSeek reasoning_content into reasoning', () => {
    const body = {
      id: 'x',
      choices: [{ index: 0, message: { role: 'assistant', content: '42', reasoning_content: 'Let me think.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, prompt_cache_hit_tokens: 8, prompt_cache_miss_tokens: 2 },
    };
    const result = fromOpenAIChatResponse(JSON.stringify(body), 'DeepSeek');
    const message = result.choices[0]?.message;
    assert.equal(message?.reasoning, 'Let me think.');
    assert.equal('reasoning_content' in (message ?? {}), false);
    assert.equal(result.tokens?.cachedReadTokens, 8);
  });

  it('keeps an explicit reasoning over reasoning_content', () => {
    const body = { choices: [{ message: { role: 'assistant', content: null, reasoning: 'A', reasoning_content: 'B' }, finish_reason: 'stop' }] };
    const message = fromOpenAIChatResponse(JSON.stringify(body), 'P').choices[0]?.message;
    assert.equal(message?.reasoning, 'A');
    assert.equal('reasoning_content' in (message ?? {}), false);
  });

  it('keeps tool calls and maps tool finish reasons', () => {
    const toolCalls = [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }];
    const body = { id: 'y', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: toolCalls }, finish_reason: 'tool_calls' }] };
    const choice = fromOpenAIChatResponse(JSON.stringify(body), 'P').choices[0];
    assert.deepEqual(choice?.message.tool_calls, toolCalls);
    assert.equal(choice?.message.content, null);
    assert.equal(choice?.finishReason, 'tool_calls');
  });

  it('fills missing index, content, id, fingerprint and usage', () => {
    const result = fromOpenAIChatResponse(JSON.stringify({ choices: [{ message: {} }, { message: { content: 'b' } }] }), 'P');
    assert.equal(result.upstreamId, null);
    assert.equal(result.systemFingerprint, null);
    assert.equal(result.tokens, undefined, 'missing usage is left for the gateway to count');
    assert.deepEqual(result.choices.map((choice) => [choice.index, choice.message.role, choice.message.content, choice.finishReason, choice.nativeFinishReason]), [
      [0, 'assistant', null, null, null],
      [1, 'assistant', 'b', null, null],
    ]);
  });

  for (const [label, bodyText] of [
    ['invalid JSON', '{"choices": ['],
    ['an HTML page', '<html>oops</html>'],
    ['no choices', '{"id":"x","object":"chat.completion"}'],
    ['choices not an array', '{"choices":{}}'],
    ['JSON null', 'null'],
    ['an empty body', ''],
  ] as const) {
    it(`rejects ${label} as upstream_invalid_response, retryable`, () => {
      assert.throws(
        () => fromOpenAIChatResponse(bodyText, 'Groq'),
        (error: unknown) => {
          assert.ok(error instanceof UpstreamError);
          assert.equal(error.code, 'upstream_invalid_response');
          assert.equal(error.status, 502);
          assert.equal(error.retryable, true);
          assert.equal(error.provider, 'Groq');
          assert.match(error.message, /Groq/);
          return true;
        },
      );
    });
  }
});

describe('convertOpenAIUsage', () => {
  it('returns undefined without a usage object', () => {
    assert.equal(convertOpenAIUsage(undefined), undefined);
    assert.equal(convertOpenAIUsage(null), undefined);
    assert.equal(convertOpenAIUsage(5), undefined);
  });

  it('reads cached and reasoning tokens', () => {
    assert.deepEqual(
      convertOpenAIUsage({
        prompt_tokens: 2000,
        completion_tokens: 300,
        prompt_tokens_details: { cached_tokens: 1024, cache_write_tokens: 500 },
        completion_tokens_details: { reasoning_tokens: 256 },
      }),
      { promptTokens: 2000, completionTokens: 300, cachedReadTokens: 1024, cacheWriteTokens: 500, reasoningTokens: 256 },
    );
  });

  it('reads DeepSeek prompt_cache_hit_tokens', () => {
    assert.deepEqual(convertOpenAIUsage({ prompt_tokens: 50, completion_tokens: 4, prompt_cache_hit_tokens: 32, prompt_cache_miss_tokens: 18 }), {
      promptTokens: 50,
      completionTokens: 4,
      cachedReadTokens: 32,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('tolerates null details and drops negative, fractional or non-numeric counts', () => {
    assert.deepEqual(
      convertOpenAIUsage({ prompt_tokens: 7.9, completion_tokens: -3, prompt_tokens_details: null, completion_tokens_details: null }),
      { promptTokens: 7, completionTokens: 0, cachedReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    );
    assert.deepEqual(convertOpenAIUsage({ prompt_tokens: '12', completion_tokens: Number.NaN }), {
      promptTokens: 0,
      completionTokens: 0,
      cachedReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });
});

describe('mapOpenAIFinishReason', () => {
  const table: Array<[unknown, string | null]> = [
    [null, null],
    [undefined, null],
    ['stop', 'stop'],
    ['eos', 'stop'],
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['tool_use', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['error', 'error'],
    ['something_new', 'stop'],
  ];
  for (const [input, expected] of table) {
    it(`${String(input)} → ${String(expected)}`, () => assert.equal(mapOpenAIFinishReason(input), expected));
  }
});
