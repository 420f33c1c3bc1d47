import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CatalogEndpoint, CatalogFile, CatalogModel } from '../../src/routing/catalog/catalog-types.js';
import { buildCatalog } from './build-catalog.js';
import { LITELLM_FILE, readLitellmPrices } from './read-litellm-prices.js';
import { MODELS_DEV_FILE, readModelsDev } from './read-models-dev.js';
import { readOpenRouterSnapshot } from './read-openrouter-snapshot.js';

const catalogPath = fileURLToPath(new URL('../../src/routing/catalog/builtin-catalog.json', import.meta.url));
const sourceDir = fileURLToPath(new URL('../../../shared/data/catalog', import.meta.url));
const catalogText = readFileSync(catalogPath, 'utf8');
const catalog = JSON.parse(catalogText) as CatalogFile;
const PRICE = /^\d+(\.\d+)?$/;

const findModel = (id: string): CatalogModel => {
  const found = catalog.models.find((m) => m.id === id);
  assert.ok(found, `model ${id} missing`);
  return found;
};
const findEndpoint = (id: string, provider: string): CatalogEndpoint => {
  const found = findModel(id).endpoints.find((e) => e.provider === provider);
  assert.ok(found, `${id} has no ${provider} endpoint`);
  return found;
};

test('committed catalog has the expected shape', () => {
  assert.ok(catalog.models.length >= 300, `only ${catalog.models.length} models`);
  assert.match(catalog.generated_at, /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/);
  assert.equal(catalog.sources.length, 3);
  assert.ok(catalogText.length < 3_000_000, `catalog is ${catalogText.length} bytes`);
  const ids = catalog.models.map((m) => m.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'models sorted by id');
  assert.equal(new Set(ids).size, ids.length, 'ids unique');
  for (const id of ['openrouter/auto', 'openrouter/auto-beta', 'openrouter/fusion']) {
    assert.ok(!ids.includes(id), `${id} is a variable-priced router and must be skipped`);
  }
});

test('every model has an author/slug id, plain decimal prices and an openrouter endpoint last', () => {
  for (const model of catalog.models) {
    assert.match(model.id, /^[^/\s]+\/[^/\s]+$/, model.id);
    const tables = [model.pricing, ...model.endpoints.map((e) => e.pricing)];
    for (const table of tables) {
      assert.equal(typeof table.prompt, 'string', model.id);
      assert.equal(typeof table.completion, 'string', model.id);
      for (const [key, value] of Object.entries(table)) {
        assert.match(String(value), PRICE, `${model.id} ${key}=${String(value)}`);
        assert.ok((String(value).split('.')[1]?.length ?? 0) <= 12, `${model.id} ${key} has > 12 decimals`);
      }
    }
    const last = model.endpoints.at(-1);
    assert.equal(last?.provider, 'openrouter', `${model.id}: openrouter endpoint must be last`);
    assert.equal(last?.model, model.id);
    assert.deepEqual(last?.pricing, model.pricing, `${model.id}: model pricing is OpenRouter's`);
    const providers = model.endpoints.map((e) => e.provider);
    assert.equal(new Set(providers).size, providers.length, `${model.id}: one endpoint per provider`);
  }
});

test('float noise in OpenRouter prices is gone', () => {
  assert.equal(findModel('openai/gpt-5.6-luna').pricing.completion, '0.0000006');
  assert.equal(findModel('openai/gpt-5.6-terra').pricing.prompt, '0.000001');
  assert.ok(!catalogText.includes('0000000000000001'));
});

test('well-known models have direct endpoints with the source prices', () => {
  const gpt4oMini = findEndpoint('openai/gpt-4o-mini', 'openai');
  assert.equal(gpt4oMini.model, 'gpt-4o-mini');
  assert.deepEqual(
    { prompt: gpt4oMini.pricing.prompt, completion: gpt4oMini.pricing.completion },
    { prompt: '0.00000015', completion: '0.0000006' },
  );
  assert.equal(findModel('openai/gpt-4o-mini').endpoints[0]?.provider, 'openai', 'first party first');

  const opus = findEndpoint('anthropic/claude-opus-4.7', 'anthropic');
  assert.equal(opus.model, 'claude-opus-4-7');
  assert.equal(opus.pricing.prompt, '0.000005');
  assert.equal(opus.pricing.completion, '0.000025');
  assert.equal(opus.pricing.input_cache_read, '0.0000005');
  assert.equal(opus.pricing.input_cache_write, '0.00000625');
  assert.ok(!opus.supported_parameters.includes('seed'), 'anthropic has no seed');
  assert.ok(!opus.supported_parameters.includes('frequency_penalty'));

  const flash = findEndpoint('deepseek/deepseek-v4-flash', 'deepseek');
  assert.equal(flash.model, 'deepseek-v4-flash');
  assert.deepEqual(flash.pricing, { prompt: '0.00000014', completion: '0.00000028', input_cache_read: '0.0000000028' });

  const llama = findEndpoint('meta-llama/llama-3.3-70b-instruct', 'groq');
  assert.equal(llama.model, 'llama-3.3-70b-versatile');
  assert.equal(llama.pricing.prompt, '0.00000059');
  assert.equal(llama.pricing.completion, '0.00000079');
});

test('non-first-party endpoints are ordered by prompt price', () => {
  const units = (p: string): bigint => {
    const [w = '0', f = ''] = p.split('.');
    return BigInt(w) * 10n ** 12n + BigInt(f.padEnd(12, '0'));
  };
  for (const model of catalog.models) {
    const middle = model.endpoints.filter((e) => e.provider !== 'openrouter').slice(1);
    for (let i = 1; i < middle.length; i++) {
      const [prev, next] = [middle[i - 1], middle[i]];
      assert.ok(prev && next && units(prev.pricing.prompt) <= units(next.pricing.prompt), model.id);
    }
  }
});

test('regenerating from the sources gives the committed file', { skip: !existsSync(sourceDir) }, () => {
  const openrouter = readOpenRouterSnapshot(sourceDir);
  const { catalog: rebuilt } = buildCatalog({
    openrouter,
    modelsDev: readModelsDev(sourceDir),
    litellm: readLitellmPrices(sourceDir),
    sourceNames: [openrouter.fileName, MODELS_DEV_FILE, LITELLM_FILE],
  });
  assert.equal(`${JSON.stringify(rebuilt, null, 2)}\n`, catalogText);
});
