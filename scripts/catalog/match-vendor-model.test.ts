import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIRECT_PROVIDERS, type DirectProvider } from './direct-providers.js';
import { createModelMatcher, type MatchableModel } from './match-vendor-model.js';

const model = (id: string, canonical = id, hf: string | null = null): MatchableModel => ({
  id,
  canonical_slug: canonical,
  hugging_face_id: hf,
});

const MODELS: MatchableModel[] = [
  model('anthropic/claude-opus-4', 'anthropic/claude-4-opus-20250522'),
  model('anthropic/claude-opus-4.7', 'anthropic/claude-4.7-opus-20260416'),
  model('anthropic/claude-opus-4.6', 'anthropic/claude-4.6-opus-20260205'),
  model('anthropic/claude-opus-4.1', 'anthropic/claude-4.1-opus-20250805'),
  model('anthropic/claude-sonnet-4.5', 'anthropic/claude-4.5-sonnet-20250929'),
  model('~anthropic/claude-opus-latest'),
  model('openai/gpt-4o'),
  model('openai/gpt-4o-2024-08-06'),
  model('openai/gpt-5.2-chat', 'openai/gpt-5.2-chat-20251211'),
  model('openai/gpt-oss-120b', 'openai/gpt-oss-120b', 'openai/gpt-oss-120b'),
  model('openai/gpt-oss-20b:free', 'openai/gpt-oss-20b', 'openai/gpt-oss-20b'),
  model('deepseek/deepseek-chat', 'deepseek/deepseek-chat-v3', 'deepseek-ai/DeepSeek-V3'),
  model('mistralai/mistral-large'),
  model('meta-llama/llama-3.3-70b-instruct', 'meta-llama/llama-3.3-70b-instruct', 'meta-llama/Llama-3.3-70B-Instruct'),
  model('meta-llama/llama-3.1-8b-instruct', 'meta-llama/llama-3.1-8b-instruct', 'meta-llama/Meta-Llama-3.1-8B-Instruct'),
  model('meta-llama/llama-4-scout', 'meta-llama/llama-4-scout-17b-16e-instruct'),
  model('qwen/qwen3-coder', 'qwen/qwen3-coder-480b-a35b-07-25', 'Qwen/Qwen3-Coder-480B-A35B-Instruct'),
  model('google/gemma-4-31b-it', 'google/gemma-4-31b-it-20260402', 'google/gemma-4-31B-it'),
  model('z-ai/glm-5.1', 'z-ai/glm-5.1-20260406', 'zai-org/GLM-5.1'),
  model('alpha/foo-1'),
  model('beta/foo-1'),
  model('openrouter/free'),
];

const matcher = createModelMatcher(MODELS);
const provider = (slug: string): DirectProvider => {
  const found = DIRECT_PROVIDERS.find((p) => p.slug === slug);
  assert.ok(found, slug);
  return found;
};
const matchId = (slug: string, vendorId: string): string | null => matcher(provider(slug), vendorId)?.id ?? null;

test('matches vendor ids to OpenRouter ids across naming styles', () => {
  const cases: Array<[string, string, string]> = [
    ['anthropic', 'claude-opus-4-7', 'anthropic/claude-opus-4.7'],
    ['anthropic', 'claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4.5'],
    ['anthropic', 'claude-opus-4-20250514', 'anthropic/claude-opus-4'],
    ['openai', 'gpt-4o', 'openai/gpt-4o'],
    ['openai', 'gpt-4o-2024-08-06', 'openai/gpt-4o-2024-08-06'],
    ['openai', 'gpt-5.2-chat-latest', 'openai/gpt-5.2-chat'],
    ['groq', 'llama-3.3-70b-versatile', 'meta-llama/llama-3.3-70b-instruct'],
    ['groq', 'openai/gpt-oss-120b', 'openai/gpt-oss-120b'],
    ['groq', 'meta-llama/llama-4-scout-17b-16e-instruct', 'meta-llama/llama-4-scout'],
    ['fireworks', 'accounts/fireworks/models/glm-5p1', 'z-ai/glm-5.1'],
    ['amazon-bedrock', 'global.anthropic.claude-opus-4-6-v1', 'anthropic/claude-opus-4.6'],
    ['amazon-bedrock', 'us.anthropic.claude-opus-4-1-20250805-v1:0', 'anthropic/claude-opus-4.1'],
    ['amazon-bedrock', 'openai.gpt-oss-120b-1:0', 'openai/gpt-oss-120b'],
    ['amazon-bedrock', 'meta.llama3-3-70b-instruct-v1:0', 'meta-llama/llama-3.3-70b-instruct'],
    ['together', 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8', 'qwen/qwen3-coder'],
    ['deepinfra', 'google/gemma-4-31B-it', 'google/gemma-4-31b-it'],
    ['google-vertex', 'claude-opus-4-1@20250805', 'anthropic/claude-opus-4.1'],
    ['azure', 'meta-llama-3.1-8b-instruct', 'meta-llama/llama-3.1-8b-instruct'],
  ];
  for (const [slug, vendorId, expected] of cases) {
    assert.equal(matchId(slug, vendorId), expected, `${slug} ${vendorId}`);
  }
});

test('reports tier, region and quantization', () => {
  assert.deepEqual(matcher(provider('amazon-bedrock'), 'global.anthropic.claude-opus-4-6-v1'), {
    id: 'anthropic/claude-opus-4.6',
    tier: 0,
    region: 'global',
    quantization: null,
  });
  assert.equal(matcher(provider('anthropic'), 'claude-sonnet-4-5-20250929')?.tier, 2);
  assert.equal(matcher(provider('together'), 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8')?.quantization, 'fp8');
});

test('does not match what it cannot tell apart', () => {
  const cases: Array<[string, string]> = [
    // Floating alias: DeepSeek's deepseek-chat now serves V4, OpenRouter's deepseek/deepseek-chat is V3.
    ['deepseek', 'deepseek-chat'],
    // "-latest" moves; OpenRouter's mistral-large is an older, pricier model.
    ['mistral', 'mistral-large-latest'],
    // Unknown newer version must not fall back to the bare family name.
    ['anthropic', 'claude-opus-4-9'],
    ['amazon-bedrock', 'anthropic.claude-opus-4-9'],
    ['anthropic', 'claude-opus-latest'],
    // Same model name, different publisher (a fine-tune), is another model.
    ['together', 'pearl-ai/gemma-4-31b-it'],
    // Variants and routers never get direct endpoints.
    ['deepinfra', 'openai/gpt-oss-20b'],
    ['fireworks', 'accounts/fireworks/routers/kimi-k2p6-fast'],
    ['azure', 'free'],
    // Two OpenRouter authors publish foo-1: ambiguous, so no match.
    ['azure', 'foo-1'],
    // A first-party vendor only matches its own models.
    ['openai', 'llama-3.3-70b-instruct'],
    ['groq', 'groq/compound'],
  ];
  for (const [slug, vendorId] of cases) {
    assert.equal(matchId(slug, vendorId), null, `${slug} ${vendorId}`);
  }
});
