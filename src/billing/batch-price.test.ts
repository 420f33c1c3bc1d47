import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchPrice } from './batch-price.js';

const gpt4oMini = { prompt: '0.00000015', completion: '0.0000006', input_cache_read: '0.000000075', request: '0.001', web_search: '0.01' };

describe('batchPrice', () => {
  it('halves every token price of OpenAI and Anthropic native batches, matching the catalog batch prices', () => {
    // litellm lists gpt-4o-mini batches at 7.5e-08 input, 3e-07 output.
    const table = batchPrice(gpt4oMini, { id: 'openai', nativeBatch: true });
    assert.equal(table.prompt, '0.000000075');
    assert.equal(table.completion, '0.0000003');
    assert.equal(table.input_cache_read, '0.0000000375');
    assert.equal(table.request, '0.001', 'per-request fees are not discounted');
    assert.equal(table.web_search, '0.01');
    const sonnet = batchPrice({ prompt: '0.000003', completion: '0.000015', input_cache_write: '0.00000375', internal_reasoning: '0.000015' }, { id: 'anthropic', nativeBatch: true });
    assert.deepEqual(sonnet, { prompt: '0.0000015', completion: '0.0000075', input_cache_write: '0.000001875', internal_reasoning: '0.0000075' });
  });

  it('halves Gemini API batch mode prices (preset google), as the catalog lists them', () => {
    // litellm lists gemini/gemini-3-pro-preview at 2e-06 / 1.2e-05, batches 1e-06 / 6e-06.
    const table = batchPrice({ prompt: '0.000002', completion: '0.000012', input_cache_read: '0.0000002' }, { id: 'google', nativeBatch: true });
    assert.deepEqual(table, { prompt: '0.000001', completion: '0.000006', input_cache_read: '0.0000001' });
    assert.deepEqual(batchPrice({ prompt: '0.000002', completion: '0.000012' }, { id: 'google-vertex', nativeBatch: true }), { prompt: '0.000002', completion: '0.000012' }, 'Vertex has no native batch here');
  });

  it('rounds an odd picodollar up, never under-charging', () => {
    assert.equal(batchPrice({ prompt: '0.000000000003', completion: '0' }, { id: 'openai', nativeBatch: true }).prompt, '0.000000000002');
  });

  it('keeps list price without a native batch API, for unknown vendors and for OpenRouter price markers', () => {
    assert.deepEqual(batchPrice(gpt4oMini, { id: 'openai', nativeBatch: false }), gpt4oMini);
    assert.deepEqual(batchPrice(gpt4oMini, { id: 'my-vllm', nativeBatch: true }), gpt4oMini);
    assert.deepEqual(batchPrice(gpt4oMini, { id: 'groq' }), gpt4oMini);
    assert.equal(batchPrice({ prompt: '-1', completion: '-1' }, { id: 'openai', nativeBatch: true }).prompt, '-1');
  });
});
