import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Provider } from '../../core/provider-types.js';
import { azureOpenAIAdapter, DEFAULT_AZURE_API_VERSION } from './azure-openai-adapter.js';

const provider: Provider = {
  id: 'azure',
  name: 'Azure',
  protocol: 'azure-openai',
  baseUrl: 'https://res.openai.azure.com',
  apiKey: 'secret-key',
  headers: {},
  dataPolicy: { zdr: false, trainsOnData: false, retainsPromptsDays: 30, region: 'us', moderated: true },
  timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 },
  local: false,
};
const request = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

test('deployment URL with api-version, api-key header and no Authorization', async () => {
  const call = await azureOpenAIAdapter.buildCall({ request, provider: { ...provider, azure: { apiVersion: '2025-01-01-preview' } }, upstreamModel: 'my deploy', stream: true });
  assert.equal(call.url, 'https://res.openai.azure.com/openai/deployments/my%20deploy/chat/completions?api-version=2025-01-01-preview');
  assert.equal(call.headers['api-key'], 'secret-key');
  assert.equal(call.headers.authorization, undefined);
  assert.equal(JSON.parse(call.body).stream, true);
  const defaulted = await azureOpenAIAdapter.buildCall({ request, provider, upstreamModel: 'd', stream: false });
  assert.ok(defaulted.url.endsWith(`?api-version=${DEFAULT_AZURE_API_VERSION}`));
});

test('a base ending in /openai/v1 uses the v1 API: model in the body, no api-version', async () => {
  const call = await azureOpenAIAdapter.buildCall({ request, provider: { ...provider, baseUrl: 'https://res.openai.azure.com/openai/v1' }, upstreamModel: 'dep', stream: false });
  assert.equal(call.url, 'https://res.openai.azure.com/openai/v1/chat/completions');
  assert.equal(JSON.parse(call.body).model, 'dep');
});

test("the stream decoder skips Azure's prompt_filter_results chunk and takes the id from the next", () => {
  const decoder = azureOpenAIAdapter.createStreamDecoder(provider);
  const first = decoder.decode({ event: 'message', data: '{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}' });
  assert.deepEqual(first.parts, []);
  const second = decoder.decode({ event: 'message', data: '{"choices":[{"content_filter_results":{},"delta":{"content":"Hi"},"finish_reason":null,"index":0}],"created":1,"id":"chatcmpl-1","model":"gpt-4o","object":"chat.completion.chunk"}' });
  assert.deepEqual(second.parts[0], { type: 'response-start', upstreamId: 'chatcmpl-1' });
  assert.deepEqual(second.parts[1], { type: 'text-delta', choice: 0, text: 'Hi' });
});

test('prompt filter 400 → non-retryable 400 invalid_prompt with the filtered categories; other errors as OpenAI', () => {
  const bodyText = JSON.stringify({
    error: { message: 'filtered', type: null, param: 'prompt', code: 'content_filter', status: 400, innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { hate: { filtered: false }, violence: { filtered: true, severity: 'high' } } } },
  });
  const error = azureOpenAIAdapter.readError({ status: 400, bodyText, retryAfter: undefined, provider });
  assert.equal(error.status, 400);
  assert.equal(error.retryable, false);
  assert.equal(error.metadata?.error_type, 'invalid_prompt');
  assert.deepEqual(error.metadata?.reasons, ['violence']);
  const limited = azureOpenAIAdapter.readError({ status: 429, bodyText: '{"error":{"code":"429","message":"Rate limit"}}', retryAfter: '3', provider });
  assert.equal(limited.status, 429);
  assert.equal(limited.retryable, true);
});
