import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { cleanGeminiSchema } from './clean-gemini-schema.js';
import { toGeminiRequest } from './to-gemini-request.js';

const build = (request: Partial<ChatRequest>, model = 'gemini-2.5-flash') =>
  toGeminiRequest({ request: { messages: [{ role: 'user', content: 'Hi' }], ...request } as ChatRequest, upstreamModel: model });

describe('toGeminiRequest', () => {
  it('maps sampling parameters and drops the ones Gemini has no field for', () => {
    const body = build({
      model: 'google/gemini-2.5-flash',
      max_completion_tokens: 300,
      max_tokens: 100,
      temperature: 0.2,
      top_p: 0.8,
      top_k: 40,
      seed: 3,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      stop: 'END',
      logit_bias: { 1: 2 },
      logprobs: true,
      parallel_tool_calls: false,
      user: 'u',
      provider: { order: ['google'] },
      stream: true,
    });
    assert.deepEqual(body, {
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      generationConfig: { maxOutputTokens: 300, temperature: 0.2, topP: 0.8, topK: 40, seed: 3, presencePenalty: 0.5, frequencyPenalty: -0.5, stopSequences: ['END'] },
    });
  });

  it('puts system and developer messages in systemInstruction and merges consecutive same-role turns', () => {
    const body = build({
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'a' },
        { role: 'user', content: [{ type: 'text', text: 'b' }] },
        { role: 'assistant', content: 'c' },
        { role: 'assistant', content: 'd' },
        { role: 'user', content: 'e' },
      ],
    });
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Be terse.' }, { text: 'Use metric units.' }] });
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }, { text: 'd' }] },
      { role: 'user', parts: [{ text: 'e' }] },
    ]);
  });

  it('converts images, audio and files: data URLs inline, other URLs as fileData', () => {
    const body = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAAA' } },
            { type: 'image_url', image_url: { url: 'gs://bucket/photo.png' } },
            { type: 'image_url', image_url: { url: 'https://example.com/x?size=2' } },
            { type: 'input_audio', input_audio: { data: 'BBBB', format: 'mp3' } },
            { type: 'file', file: { filename: 'doc.pdf', file_data: 'data:application/pdf;base64,CCCC' } },
          ],
        },
      ],
    });
    assert.deepEqual(body.contents[0]?.parts, [
      { inlineData: { mimeType: 'image/jpeg', data: 'AAAA' } },
      { fileData: { mimeType: 'image/png', fileUri: 'gs://bucket/photo.png' } },
      { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/x?size=2' } },
      { inlineData: { mimeType: 'audio/mp3', data: 'BBBB' } },
      { inlineData: { mimeType: 'application/pdf', data: 'CCCC' } },
    ]);
  });

  it('replays tool calls with their signatures and answers them with named functionResponse parts', () => {
    const body = build({
      messages: [
        { role: 'user', content: 'weather in Paris and London' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"London"}' } },
          ],
          reasoning_details: [
            { type: 'reasoning.text', text: 'thinking', format: 'google-gemini-v1', index: 0 },
            { type: 'reasoning.encrypted', data: 'SIG-A', id: 'call_a', format: 'google-gemini-v1', index: 1 },
            { type: 'reasoning.encrypted', data: 'anthropic-sig', id: 'call_b', format: 'anthropic-claude-v1', index: 2 },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '{"temp":18}' },
        { role: 'tool', tool_call_id: 'call_b', content: 'rainy' },
        { role: 'user', content: 'thanks' },
      ],
    });
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'weather in Paris and London' }] },
      {
        role: 'model',
        parts: [
          { text: 'Checking.' },
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'SIG-A' },
          { functionCall: { name: 'get_weather', args: { city: 'London' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temp: 18 } } },
          { functionResponse: { name: 'get_weather', response: { content: 'rainy' } } },
          { text: 'thanks' },
        ],
      },
    ]);
  });

  it('puts an unbound signature on the text part, and reads Google\'s extra_content signature', () => {
    const text = build({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'answer', reasoning_details: [{ type: 'reasoning.encrypted', data: 'SIG-T', format: 'google-gemini-v1', index: 0 }] },
        { role: 'user', content: 'more' },
      ],
    });
    assert.deepEqual(text.contents[1], { role: 'model', parts: [{ text: 'answer', thoughtSignature: 'SIG-T' }] });
    const google = build({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '' }, extra_content: { google: { thought_signature: 'SIG-G' } } } as never] },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      ],
    });
    assert.deepEqual(google.contents[1], { role: 'model', parts: [{ functionCall: { name: 'f', args: {} }, thoughtSignature: 'SIG-G' }] });
  });

  it('uses Gemini\'s placeholder signature when the client kept none', () => {
    const body = build({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: 'not json' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
      ],
    });
    assert.deepEqual(body.contents[1], { role: 'model', parts: [{ functionCall: { name: 'f', args: { arguments: 'not json' } }, thoughtSignature: 'skip_thought_signature_validator' }] });
  });

  it('rejects a tool message that answers no earlier call', () => {
    assert.throws(() => build({ messages: [{ role: 'user', content: 'q' }, { role: 'tool', tool_call_id: 'nope', content: 'x' }] }), InvalidRequestError);
  });

  it('declares tools with cleaned schemas and maps every tool_choice', () => {
    const tools = [
      { type: 'function', function: { name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } } },
      { type: 'function', function: { name: 'g', parameters: { type: 'object', properties: {} } } },
      { type: 'web_search' },
    ];
    const auto = build({ tools });
    assert.deepEqual(auto.tools, [{ functionDeclarations: [{ name: 'f', description: 'does f', parameters: { type: 'object', properties: { a: { type: 'string' } } } }, { name: 'g' }] }]);
    assert.equal(auto.toolConfig, undefined);
    assert.deepEqual(build({ tools, tool_choice: 'auto' }).toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
    assert.deepEqual(build({ tools, tool_choice: 'none' }).toolConfig, { functionCallingConfig: { mode: 'NONE' } });
    assert.deepEqual(build({ tools, tool_choice: 'required' }).toolConfig, { functionCallingConfig: { mode: 'ANY' } });
    assert.deepEqual(build({ tools, tool_choice: { type: 'function', function: { name: 'g' } } }).toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['g'] } });
    assert.equal(build({ tool_choice: 'required' }).toolConfig, undefined, 'no tools, no toolConfig');
  });

  it('maps response_format to responseMimeType and responseJsonSchema', () => {
    assert.deepEqual(build({ response_format: { type: 'json_object' } }).generationConfig, { responseMimeType: 'application/json' });
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { type: 'string' } } };
    const config = build({ response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema } } }).generationConfig;
    assert.equal(config?.responseMimeType, 'application/json');
    assert.deepEqual(config?.responseJsonSchema, { type: 'object', properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { type: 'string' } } });
    assert.equal(build({ response_format: { type: 'text' } }).generationConfig, undefined);
  });

  it('maps reasoning to thinkingConfig: budgets for 2.5, levels for 3, off where allowed', () => {
    const thinking = (request: Partial<ChatRequest>, model?: string) => build(request, model).generationConfig?.thinkingConfig;
    assert.equal(thinking({}), undefined, 'no reasoning field: model default');
    assert.deepEqual(thinking({ reasoning: { max_tokens: 3000 } }), { thinkingBudget: 3000, includeThoughts: true });
    assert.deepEqual(thinking({ reasoning: { effort: 'high' } }), { thinkingBudget: 24576, includeThoughts: true });
    assert.deepEqual(thinking({ reasoning_effort: 'medium' }), { thinkingBudget: 8192, includeThoughts: true });
    assert.deepEqual(thinking({ reasoning: { effort: 'low', exclude: true } }), { thinkingBudget: 2048 });
    assert.deepEqual(thinking({ reasoning: { enabled: false } }), { thinkingBudget: 0 });
    assert.equal(thinking({ reasoning: { enabled: false } }, 'gemini-2.5-pro'), undefined, '2.5 Pro cannot turn thinking off');
    assert.deepEqual(thinking({ reasoning: { enabled: true } }), { includeThoughts: true });
    assert.deepEqual(thinking({ reasoning: { effort: 'medium' } }, 'gemini-3.1-pro-preview'), { thinkingLevel: 'high', includeThoughts: true });
    assert.deepEqual(thinking({ reasoning: { effort: 'minimal' } }, 'gemini-3-flash-preview'), { thinkingLevel: 'minimal', includeThoughts: true });
    assert.deepEqual(thinking({ reasoning_effort: 'none' }, 'gemini-3-pro-preview'), { thinkingLevel: 'low' });
  });

  it('refuses a conversation with nothing but system messages', () => {
    assert.throws(() => build({ messages: [{ role: 'system', content: 'x' }] }), InvalidRequestError);
  });
});

describe('cleanGeminiSchema', () => {
  it('inlines $refs, turns const and nullable unions into Gemini terms, drops unsupported keywords', () => {
    const cleaned = cleanGeminiSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { const: 'a' },
        note: { type: ['string', 'null'], format: 'email', minLength: 1 },
        when: { type: 'string', format: 'date-time' },
        level: { type: 'integer', enum: [1, 2] },
        owner: { $ref: '#/definitions/Person' },
        maybe: { anyOf: [{ type: 'number' }, { type: 'null' }] },
        either: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      },
      required: ['kind', 'ghost'],
      definitions: { Person: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false } },
    });
    assert.deepEqual(cleaned, {
      type: 'object',
      properties: {
        kind: { enum: ['a'], type: 'string' },
        note: { type: 'string', nullable: true, minLength: 1 },
        when: { type: 'string', format: 'date-time' },
        level: { type: 'string', enum: ['1', '2'] },
        owner: { type: 'object', properties: { name: { type: 'string' } } },
        maybe: { nullable: true, type: 'number' },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['kind'],
    });
  });

  it('survives recursive schemas', () => {
    const cleaned = cleanGeminiSchema({ $ref: '#/$defs/Node', $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } } });
    assert.equal(cleaned.type, 'object');
  });
});
