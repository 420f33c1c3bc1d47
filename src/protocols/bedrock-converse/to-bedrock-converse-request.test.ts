import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { toBedrockConverseRequest } from './to-bedrock-converse-request.js';

const CLAUDE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const LLAMA = 'meta.llama3-1-70b-instruct-v1:0';
const build = (request: Partial<ChatRequest>, upstreamModel = CLAUDE, maxOutputTokens?: number) =>
  toBedrockConverseRequest({ request: { messages: [], ...request } as ChatRequest, upstreamModel, maxOutputTokens });
const weather = { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('toBedrockConverseRequest', () => {
  it('moves system/developer messages to system and merges consecutive same-role turns', () => {
    const body = build({
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'one' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric.' }] },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        { role: 'assistant', content: 'ok ' },
        { role: 'assistant', content: 'and   ' },
      ],
    });
    assert.deepEqual(body.system, [{ text: 'Be terse.' }, { text: 'Use metric.' }]);
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ text: 'one' }, { text: 'two' }] },
      // The final assistant prefill loses its trailing whitespace (Claude rejects it).
      { role: 'assistant', content: [{ text: 'ok ' }, { text: 'and' }] },
    ]);
  });

  it('converts tool calls and tool results, and maps tool_choice', () => {
    const body = build({
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '18C' },
        { role: 'user', content: 'thanks' },
      ],
      tools: [weather],
      tool_choice: 'required',
    });
    assert.deepEqual(body.messages[1], { role: 'assistant', content: [{ toolUse: { toolUseId: 'c1', name: 'get_weather', input: { city: 'Paris' } } }] });
    assert.deepEqual(body.messages[2], {
      role: 'user',
      content: [{ toolResult: { toolUseId: 'c1', content: [{ text: '18C' }], status: 'success' } }, { text: 'thanks' }],
    });
    assert.deepEqual(body.toolConfig, {
      tools: [{ toolSpec: { name: 'get_weather', description: 'Weather', inputSchema: { json: weather.function.parameters } } }],
      toolChoice: { any: {} },
    });
    assert.deepEqual(build({ messages: [{ role: 'user', content: 'x' }], tools: [weather], tool_choice: { type: 'function', function: { name: 'get_weather' } } }).toolConfig?.toolChoice, { tool: { name: 'get_weather' } });
    assert.deepEqual(build({ messages: [{ role: 'user', content: 'x' }], tools: [weather], tool_choice: 'auto' }).toolConfig?.toolChoice, { auto: {} });
  });

  it('tool_choice none omits tools, but keeps a toolConfig when the history has tool blocks', () => {
    assert.equal(build({ messages: [{ role: 'user', content: 'x' }], tools: [weather], tool_choice: 'none' }).toolConfig, undefined);
    const history = [
      { role: 'user' as const, content: 'weather?' },
      { role: 'assistant' as const, content: null, tool_calls: [{ id: 'c1', type: 'function' as const, function: { name: 'lookup', arguments: '{}' } }] },
      { role: 'tool' as const, tool_call_id: 'c1', content: '' },
    ];
    const body = build({ messages: history });
    assert.deepEqual(body.toolConfig, { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object', properties: {} } } } }] });
    // An empty tool output still needs non-blank text.
    assert.deepEqual(body.messages[2]?.content, [{ toolResult: { toolUseId: 'c1', content: [{ text: '(no output)' }], status: 'success' } }]);
  });

  it('images: data URLs become base64 bytes, s3 URIs pass, remote URLs are refused retryably', () => {
    const body = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            { type: 'image_url', image_url: { url: 's3://bucket/cat.webp' } },
            { type: 'file', file: { filename: 'Q3 report (final).pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
          ],
        },
      ],
    });
    assert.deepEqual(body.messages[0]?.content, [
      { image: { format: 'jpeg', source: { bytes: '/9j/4AAQ' } } },
      { image: { format: 'webp', source: { s3Location: { uri: 's3://bucket/cat.webp' } } } },
      { document: { format: 'pdf', name: 'Q3 report (final)', source: { bytes: 'JVBERi0=' } } },
    ]);
    assert.throws(
      () => build({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] }] }),
      (error: unknown) => error instanceof GatewayError && error.status === 400 && error.retryable,
    );
  });

  it('cache_control becomes a cachePoint after its block, only for models that cache', () => {
    const messages = [
      { role: 'system' as const, content: [{ type: 'text', text: 'Long prompt', cache_control: { type: 'ephemeral' } }] },
      { role: 'user' as const, content: [{ type: 'text', text: 'Doc', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Q' }] },
    ];
    const claude = build({ messages });
    assert.deepEqual(claude.system, [{ text: 'Long prompt' }, { cachePoint: { type: 'default' } }]);
    assert.deepEqual(claude.messages[0]?.content, [{ text: 'Doc' }, { cachePoint: { type: 'default' } }, { text: 'Q' }]);
    const llama = build({ messages }, LLAMA);
    assert.deepEqual(llama.system, [{ text: 'Long prompt' }]);
  });

  it('inferenceConfig and top_k per family', () => {
    const request = { messages: [{ role: 'user' as const, content: 'x' }], max_tokens: 50, temperature: 0.2, top_p: 0.9, top_k: 40, stop: 'END' };
    const claude = build(request);
    assert.deepEqual(claude.inferenceConfig, { maxTokens: 50, temperature: 0.2, topP: 0.9, stopSequences: ['END'] });
    assert.deepEqual(claude.additionalModelRequestFields, { top_k: 40 });
    assert.deepEqual(build(request, 'amazon.nova-pro-v1:0').additionalModelRequestFields, { inferenceConfig: { topK: 40 } });
    assert.equal(build(request, LLAMA).additionalModelRequestFields, undefined);
  });

  it('reasoning → Claude thinking budget inside max_tokens; sampling and forced tools dropped', () => {
    const body = build({
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 10000,
      temperature: 0.5,
      top_k: 5,
      reasoning: { effort: 'high' },
      tools: [weather],
      tool_choice: 'required',
    });
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 8000 } });
    assert.deepEqual(body.inferenceConfig, { maxTokens: 10000 });
    assert.deepEqual(body.toolConfig?.toolChoice, { auto: {} });
    // No max_tokens: the endpoint's output limit sizes it.
    assert.deepEqual(build({ messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'low' }, CLAUDE, 64000).additionalModelRequestFields, {
      thinking: { type: 'enabled', budget_tokens: 12800 },
    });
    // Explicit budget above max_tokens is clamped below it; too small a cap means no thinking.
    assert.deepEqual(build({ messages: [{ role: 'user', content: 'x' }], max_tokens: 3000, reasoning: { max_tokens: 5000 } }).additionalModelRequestFields, {
      thinking: { type: 'enabled', budget_tokens: 2999 },
    });
    assert.equal(build({ messages: [{ role: 'user', content: 'x' }], max_tokens: 500, reasoning: { enabled: true } }).additionalModelRequestFields, undefined);
    assert.equal(build({ messages: [{ role: 'user', content: 'x' }], reasoning: { effort: 'none' } }).additionalModelRequestFields, undefined);
    assert.equal(build({ messages: [{ role: 'user', content: 'x' }], reasoning: { effort: 'high' } }, LLAMA).additionalModelRequestFields, undefined);
    assert.deepEqual(build({ messages: [{ role: 'user', content: 'x' }], reasoning: { effort: 'high' } }, 'us.amazon.nova-2-lite-v1:0').additionalModelRequestFields, {
      reasoningConfig: { type: 'enabled', maxReasoningEffort: 'high' },
    });
  });

  it('replays signed reasoning (streamed fragments joined) and drops unsigned or foreign reasoning', () => {
    const body = build({
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: 'a',
          reasoning_details: [
            { type: 'reasoning.text', text: 'Let me', format: 'anthropic-claude-v1', index: 0 },
            { type: 'reasoning.text', text: ' think', format: 'anthropic-claude-v1', index: 0 },
            { type: 'reasoning.text', text: '', signature: 'sig-1', format: 'anthropic-claude-v1', index: 0 },
            { type: 'reasoning.encrypted', data: 'opaque', format: 'anthropic-claude-v1', index: 1 },
            { type: 'reasoning.text', text: 'unsigned', index: 2 },
            { type: 'reasoning.text', text: 'gemini', signature: 'g', format: 'google-gemini-v1', index: 3 },
          ],
        },
        { role: 'user', content: 'again' },
      ],
    });
    assert.deepEqual(body.messages[1]?.content, [
      { reasoningContent: { reasoningText: { text: 'Let me think', signature: 'sig-1' } } },
      { reasoningContent: { redactedContent: 'opaque' } },
      { text: 'a' },
    ]);
  });

  it('response_format: json_schema and json_object through the forced response tool', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const body = build({ messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'answer', schema } } });
    assert.equal(body.toolConfig?.tools.length, 1);
    assert.deepEqual((body.toolConfig?.tools[0] as { toolSpec: { name: string; inputSchema: unknown } }).toolSpec.inputSchema, { json: schema });
    assert.deepEqual(body.toolConfig?.toolChoice, { tool: { name: 'switchyard_json_response' } });
    const object = build({ messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_object' } });
    assert.deepEqual((object.toolConfig?.tools[0] as { toolSpec: { inputSchema: unknown } }).toolSpec.inputSchema, { json: { type: 'object' } });
    // With the client's own tools, the model may choose: no forced choice.
    const mixed = build({ messages: [{ role: 'user', content: 'x' }], tools: [weather], response_format: { type: 'json_object' } });
    assert.equal(mixed.toolConfig?.tools.length, 2);
    assert.equal(mixed.toolConfig?.toolChoice, undefined);
  });

  it('Mistral gets 9-character alphanumeric tool ids, consistent between toolUse and toolResult', () => {
    const body = build(
      {
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', tool_calls: [{ id: 'call_abc-123', type: 'function', function: { name: 'f', arguments: '{}' } }, { id: 'Ab3dE5gH9', type: 'function', function: { name: 'f', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'call_abc-123', content: 'r1' },
          { role: 'tool', tool_call_id: 'Ab3dE5gH9', content: 'r2' },
        ],
      },
      'mistral.mistral-large-2407-v1:0',
    );
    const uses = body.messages[1]?.content.map((block) => (block as { toolUse: { toolUseId: string } }).toolUse.toolUseId) ?? [];
    const results = body.messages[2]?.content.map((block) => (block as { toolResult: { toolUseId: string } }).toolResult.toolUseId) ?? [];
    assert.match(uses[0] ?? '', /^[a-zA-Z0-9]{9}$/);
    assert.equal(uses[1], 'Ab3dE5gH9');
    assert.deepEqual(results, uses);
  });

  it('invalid tool-call arguments in the history are a 400', () => {
    assert.throws(
      () => build({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] }),
      /not valid JSON/,
    );
  });
});
