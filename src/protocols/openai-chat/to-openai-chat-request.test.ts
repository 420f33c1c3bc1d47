import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { toOpenAIChatRequest } from './to-openai-chat-request.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

function build(request: ChatRequest, options: { stream?: boolean; openRouterDialect?: boolean } = {}): Record<string, unknown> {
  return JSON.parse(
    toOpenAIChatRequest({ request, upstreamModel: 'gpt-4o-mini', stream: options.stream ?? false, openRouterDialect: options.openRouterDialect ?? false }),
  ) as Record<string, unknown>;
}

const GATEWAY_FIELDS: Partial<ChatRequest> = {
  models: ['openai/gpt-4o', 'anthropic/claude-3.5-sonnet'],
  provider: { order: ['openai'], allow_fallbacks: false },
  plugins: [{ id: 'web' }],
  transforms: ['middle-out'],
  route: 'fallback',
  usage: { include: true },
  session_id: 'session-1',
  debug: { echo_upstream_body: true },
  trace: { trace_id: 't' },
  preset: 'my-preset',
  include_reasoning: true,
  anthropic: { betas: ['context-management-2025-06-27'], inlineSystem: true, fields: { thinking: { type: 'adaptive' } } },
};

describe('toOpenAIChatRequest', () => {
  it('strips OpenRouter-only fields and replaces the model', () => {
    const body = build({ model: 'openai/gpt-4o-mini', messages, ...GATEWAY_FIELDS, temperature: 0.2 });
    assert.deepEqual(body, { model: 'gpt-4o-mini', messages, temperature: 0.2 });
  });

  it('strips them for an OpenRouter upstream too', () => {
    const body = build({ model: 'openai/gpt-4o-mini', messages, ...GATEWAY_FIELDS }, { openRouterDialect: true });
    assert.deepEqual(body, { model: 'gpt-4o-mini', messages });
  });

  it('keeps unknown and standard OpenAI fields untouched', () => {
    const request: ChatRequest = {
      model: 'x/y',
      messages,
      max_tokens: 100,
      top_p: 0.9,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      seed: 7,
      logit_bias: { '50256': -100 },
      parallel_tool_calls: false,
      some_future_field: { nested: [1, 2, 3] },
      user: 'user-42',
    };
    const { model: _model, ...rest } = request;
    assert.deepEqual(build(request), { ...rest, model: 'gpt-4o-mini' });
  });

  it('forces stream_options.include_usage on streams, replacing a client value', () => {
    const body = build({ model: 'x/y', messages, stream: true, stream_options: { include_usage: false } }, { stream: true });
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    const plain = build({ model: 'x/y', messages }, { stream: true });
    assert.equal(plain.stream, true);
    assert.deepEqual(plain.stream_options, { include_usage: true });
  });

  it('sends neither stream nor stream_options when not streaming', () => {
    const body = build({ model: 'x/y', messages, stream: false, stream_options: { include_usage: true } });
    assert.equal('stream' in body, false);
    assert.equal('stream_options' in body, false);
    const fromStreamRequest = build({ model: 'x/y', messages, stream: true }, { stream: false });
    assert.equal('stream' in fromStreamRequest, false);
  });

  it('turns reasoning.effort into reasoning_effort for OpenAI-compatible upstreams', () => {
    const body = build({ model: 'x/y', messages, reasoning: { effort: 'high', exclude: false } });
    assert.equal(body.reasoning_effort, 'high');
    assert.equal('reasoning' in body, false);
  });

  it('keeps a client reasoning_effort and maps no effort of "none"', () => {
    assert.equal(build({ model: 'x/y', messages, reasoning_effort: 'low', reasoning: { effort: 'high' } }).reasoning_effort, 'low');
    const none = build({ model: 'x/y', messages, reasoning: { effort: 'none' } });
    assert.equal('reasoning_effort' in none, false);
    const maxTokensOnly = build({ model: 'x/y', messages, reasoning: { max_tokens: 2000 } });
    assert.equal('reasoning_effort' in maxTokensOnly, false);
    assert.equal('reasoning' in maxTokensOnly, false);
  });

  it('keeps reasoning as an object for an OpenRouter upstream', () => {
    const reasoning = { effort: 'medium', exclude: true };
    const body = build({ model: 'x/y', messages, reasoning }, { openRouterDialect: true });
    assert.deepEqual(body.reasoning, reasoning);
    assert.equal('reasoning_effort' in body, false);
  });

  it('does not mutate the request', () => {
    const request: ChatRequest = { model: 'x/y', messages, stream: true, reasoning: { effort: 'low' }, provider: { only: ['openai'] } };
    const copy = structuredClone(request);
    build(request, { stream: true });
    assert.deepEqual(request, copy);
  });
});
