/**
 * The behaviour every GenerationStore backend must show: idempotent writes (billed once),
 * tenant isolation on read, exact money. Each case gets a fresh, empty store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GenerationRecord, GenerationStore } from '../generation-store.js';
import { openFreshPerTest } from './open-fresh-per-test.js';

/** A fresh, empty store and how to release it. */
export interface OpenedGenerationStore {
  store: GenerationStore;
  close(): Promise<void>;
}

/** Above Number.MAX_SAFE_INTEGER: a lossy read would change it. */
const BIG_COST = 2n ** 53n + 12_345n;

/** Builds a complete record; every field is set so round-trips check all of them. */
export function makeGenerationRecord(overrides: Partial<GenerationRecord> = {}): GenerationRecord {
  return {
    id: 'gen-1',
    keyHash: 'key-1',
    workspaceId: 'ws-1',
    model: 'openai/gpt-4o-mini',
    providerName: 'OpenAI',
    upstreamId: 'chatcmpl-abc',
    apiType: 'chat',
    createdAt: Date.UTC(2025, 2, 12, 15, 30, 0, 123),
    streamed: true,
    cancelled: false,
    status: 200,
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    latencyMs: 321,
    generationTimeMs: 1234.5,
    promptTokens: 1200,
    completionTokens: 345,
    reasoningTokens: 17,
    cachedTokens: 1024,
    cacheWriteTokens: 3,
    completionImageTokens: 258,
    costPico: BIG_COST,
    upstreamCostPico: BIG_COST - 1n,
    isByok: false,
    externalUser: 'end-user-7',
    sessionId: 'sess-9',
    attempts: [
      { provider: 'Azure', model: 'gpt-4o-mini', status: 429, latencyMs: 80 },
      { provider: 'OpenAI', model: 'gpt-4o-mini', status: 200, latencyMs: 321 },
    ],
    responseCacheSourceId: 'gen-0-source',
    ...overrides,
  };
}

/** Registers the GenerationStore contract tests under `describe(name)`. */
export function describeGenerationStoreContract(name: string, open: () => Promise<OpenedGenerationStore>): void {
  describe(`GenerationStore contract: ${name}`, () => {
    const fresh = openFreshPerTest(open, (opened) => opened.store);

    it('round-trips every field exactly, including money above 2^53 and attempts', async () => {
      const store = await fresh();
      const full = makeGenerationRecord();
      const sparse = makeGenerationRecord({
        id: 'gen-2',
        providerName: null,
        upstreamId: null,
        apiType: 'completions',
        streamed: false,
        cancelled: true,
        status: 502,
        finishReason: null,
        nativeFinishReason: null,
        latencyMs: null,
        generationTimeMs: null,
        promptTokens: 0,
        completionTokens: 0,
        reasoningTokens: 0,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        costPico: 0n,
        upstreamCostPico: null,
        isByok: true,
        externalUser: null,
        sessionId: null,
        attempts: [],
      });
      await store.recordMany([full, sparse]);
      const foundFull = await store.findById('gen-1', 'ws-1');
      assert.deepEqual(foundFull, full);
      assert.equal(typeof foundFull?.costPico, 'bigint');
      assert.deepEqual(await store.findById('gen-2', 'ws-1'), sparse);
    });

    it('keeps the largest 64-bit cost exactly', async () => {
      const store = await fresh();
      const max = 2n ** 63n - 1n;
      await store.recordMany([makeGenerationRecord({ costPico: max, upstreamCostPico: 1n })]);
      const found = await store.findById('gen-1', 'ws-1');
      assert.equal(found?.costPico, max);
      assert.equal(found?.upstreamCostPico, 1n);
    });

    it('lists newest first with filters, and pages by the (createdAt, id) keyset without skipping ties', async () => {
      const store = await fresh();
      const at = (minute: number) => Date.UTC(2025, 2, 12, 15, minute);
      await store.recordMany([
        makeGenerationRecord({ id: 'g1', createdAt: at(1) }),
        makeGenerationRecord({ id: 'g2', createdAt: at(2), status: 502, model: 'm/other', providerName: 'Other' }),
        makeGenerationRecord({ id: 'g3', createdAt: at(2), keyHash: 'key-2' }),
        makeGenerationRecord({ id: 'g4', createdAt: at(3), workspaceId: 'ws-2' }),
        makeGenerationRecord({ id: 'g5', createdAt: at(4) }),
      ]);
      const ids = async (query: Partial<Parameters<GenerationStore['list']>[0]>) => (await store.list({ limit: 10, ...query })).map((r) => r.id);
      assert.deepEqual(await ids({}), ['g5', 'g4', 'g3', 'g2', 'g1']);
      assert.deepEqual(await ids({ workspaceId: 'ws-1' }), ['g5', 'g3', 'g2', 'g1']);
      assert.deepEqual(await ids({ keyHash: 'key-2' }), ['g3']);
      assert.deepEqual(await ids({ model: 'm/other' }), ['g2']);
      assert.deepEqual(await ids({ providerName: 'Other' }), ['g2']);
      assert.deepEqual(await ids({ outcome: 'error' }), ['g2']);
      assert.deepEqual(await ids({ outcome: 'ok', workspaceId: 'ws-1' }), ['g5', 'g3', 'g1']);
      assert.deepEqual(await ids({ since: at(2), until: at(4) }), ['g4', 'g3', 'g2']);
      const paged: string[] = [];
      let before: { createdAt: number; id: string } | undefined;
      for (;;) {
        const page = await store.list({ limit: 2, before });
        if (page.length === 0) break;
        paged.push(...page.map((r) => r.id));
        before = { createdAt: page.at(-1)!.createdAt, id: page.at(-1)!.id };
      }
      assert.deepEqual(paged, ['g5', 'g4', 'g3', 'g2', 'g1']);
      const [first] = await store.list({ limit: 1, workspaceId: 'ws-1', keyHash: 'key-2' });
      assert.deepEqual(first, makeGenerationRecord({ id: 'g3', createdAt: at(2), keyHash: 'key-2' }));
    });

    it('returns undefined for an unknown id', async () => {
      const store = await fresh();
      assert.equal(await store.findById('gen-missing', 'ws-1'), undefined);
    });

    it('never shows a generation to another workspace', async () => {
      const store = await fresh();
      await store.recordMany([makeGenerationRecord({ id: 'gen-a', workspaceId: 'ws-a' })]);
      assert.equal(await store.findById('gen-a', 'ws-b'), undefined);
      assert.equal(await store.findById('gen-a', ''), undefined);
      assert.equal((await store.findById('gen-a', 'ws-a'))?.id, 'gen-a');
    });

    it('ignores a re-inserted id: first write wins and spend is counted once', async () => {
      const store = await fresh();
      const first = makeGenerationRecord({ costPico: 100n });
      await store.recordMany([first]);
      await store.recordMany([makeGenerationRecord({ costPico: 999n, model: 'other/model' })]);
      // The same id twice inside one batch (a retried enqueue) is also a single generation.
      await store.recordMany([first, makeGenerationRecord({ id: 'gen-2', costPico: 5n }), first]);
      assert.deepEqual(await store.findById('gen-1', 'ws-1'), first);
      const spend = await store.spendByKey('key-1', new Date(first.createdAt));
      assert.equal(spend.total, 105n);
    });

    it('accepts an empty batch and a large batch', async () => {
      const store = await fresh();
      await store.recordMany([]);
      const many = Array.from({ length: 1200 }, (_, i) => makeGenerationRecord({ id: `gen-${i}`, costPico: 1n }));
      await store.recordMany(many);
      const spend = await store.spendByKey('key-1', new Date(many[0]!.createdAt));
      assert.equal(spend.total, 1200n);
      assert.deepEqual(await store.findById('gen-1199', 'ws-1'), many[1199]);
    });

    it('returning copies: mutating a found record does not change the store', async () => {
      const store = await fresh();
      const input = makeGenerationRecord();
      await store.recordMany([input]);
      input.attempts[0]!.status = 999;
      const found = await store.findById('gen-1', 'ws-1');
      assert.equal(found?.attempts[0]?.status, 429);
      found!.attempts.pop();
      assert.equal((await store.findById('gen-1', 'ws-1'))?.attempts.length, 2);
    });

    it('spendByKey is zero for a key with no generations', async () => {
      const store = await fresh();
      assert.deepEqual(await store.spendByKey('key-none', new Date()), { total: 0n, daily: 0n, weekly: 0n, monthly: 0n });
    });

    it('spendByKey sums exactly over UTC day, Monday-week and month windows', async () => {
      const store = await fresh();
      // now = Wednesday 2025-03-12 15:00 UTC. Week starts Monday 2025-03-10, month 2025-03-01.
      const now = new Date(Date.UTC(2025, 2, 12, 15, 0, 0));
      const at = (iso: string) => Date.parse(iso);
      const big = 2n ** 53n; // three of these exceed 2^53 several times over
      const rows: Array<[string, number, bigint]> = [
        ['today-start', at('2025-03-12T00:00:00.000Z'), big + 1n],
        ['today-later', at('2025-03-12T14:59:59.999Z'), big + 2n],
        ['yesterday-end', at('2025-03-11T23:59:59.999Z'), 1_000n],
        ['monday-start', at('2025-03-10T00:00:00.000Z'), 200n],
        ['sunday-end', at('2025-03-09T23:59:59.999Z'), 30n],
        ['month-start', at('2025-03-01T00:00:00.000Z'), big + 3n],
        ['last-month', at('2025-02-28T23:59:59.999Z'), 4n],
        ['last-year', at('2024-03-12T12:00:00.000Z'), 5n],
      ];
      await store.recordMany(
        rows.map(([id, createdAt, costPico]) => makeGenerationRecord({ id, createdAt, costPico })),
      );
      // Other keys must not leak into the sums.
      await store.recordMany([makeGenerationRecord({ id: 'other-key', keyHash: 'key-2', createdAt: now.getTime(), costPico: 7n })]);

      const spend = await store.spendByKey('key-1', now);
      assert.deepEqual(spend, {
        daily: 2n * big + 3n,
        weekly: 2n * big + 3n + 1_000n + 200n,
        monthly: 3n * big + 6n + 1_000n + 200n + 30n,
        total: 3n * big + 6n + 1_000n + 200n + 30n + 4n + 5n,
      });
      assert.deepEqual(await store.spendByKey('key-2', now), { total: 7n, daily: 7n, weekly: 7n, monthly: 7n });
    });

    it('spendByKey starts the week on Monday even when now is a Sunday or a Monday', async () => {
      const store = await fresh();
      await store.recordMany([
        makeGenerationRecord({ id: 'sat', createdAt: Date.parse('2025-03-15T12:00:00.000Z'), costPico: 1n }),
        makeGenerationRecord({ id: 'sun', createdAt: Date.parse('2025-03-16T12:00:00.000Z'), costPico: 10n }),
      ]);
      const sunday = await store.spendByKey('key-1', new Date('2025-03-16T23:59:59.999Z'));
      assert.equal(sunday.weekly, 11n);
      assert.equal(sunday.daily, 10n);
      await store.recordMany([
        makeGenerationRecord({ id: 'mon', createdAt: Date.parse('2025-03-17T00:00:00.000Z'), costPico: 100n }),
      ]);
      const monday = await store.spendByKey('key-1', new Date('2025-03-17T00:00:00.000Z'));
      assert.equal(monday.weekly, 100n);
      assert.equal(monday.daily, 100n);
      assert.equal(monday.monthly, 111n);
    });
  });
}
