import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scrubSecretText } from '../../core/secret-registry.js';
import { RefreshAheadCredential, type FetchedCredential } from './refresh-ahead-credential.js';

/** A library stand-in whose fetches the test answers one by one. */
function harness(options: { lifetimeMs?: number } = {}) {
  let now = 1_000_000;
  const fetches: Array<{ force: boolean; resolve: (value: string) => void; reject: (error: Error) => void }> = [];
  const credential = new RefreshAheadCredential<string>({
    source: 'test source',
    now: () => now,
    describeError: (error) => (error as Error).message,
    secretsOf: (value) => [`cloud-token-${value}`],
    fetch: (force) =>
      new Promise<FetchedCredential<string>>((resolve, reject) => {
        fetches.push({
          force,
          resolve: (value) => resolve({ value, expiresAt: options.lifetimeMs === undefined ? undefined : now + options.lifetimeMs, resolvedVia: 'stand-in' }),
          reject,
        });
      }),
  });
  return {
    credential,
    fetches,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('RefreshAheadCredential', () => {
  it('concurrent first callers share one fetch; the value is cached while fresh', async () => {
    const h = harness({ lifetimeMs: 3_600_000 });
    const calls = [h.credential.get(), h.credential.get(), h.credential.get()];
    assert.equal(h.fetches.length, 1);
    h.fetches[0]!.resolve('v1');
    assert.deepEqual(await Promise.all(calls), ['v1', 'v1', 'v1']);
    assert.equal(scrubSecretText('token cloud-token-v1 leaked'), 'token [REDACTED_KEY] leaked', 'fetched credentials are registered with the scrubber');
    h.advance(30 * 60_000);
    assert.equal(await h.credential.get(), 'v1');
    assert.equal(h.fetches.length, 1);
    assert.equal(h.credential.status().state, 'valid');
    assert.equal(h.credential.status().resolvedVia, 'stand-in');
  });

  it('within 4 minutes of expiry, callers get the current value at once while one forced refresh runs', async () => {
    const h = harness({ lifetimeMs: 3_600_000 });
    const first = h.credential.get();
    h.fetches[0]!.resolve('v1');
    await first;
    h.advance(3_600_000 - 4 * 60_000 + 1);
    assert.equal(await h.credential.get(), 'v1', 'not blocked by the refresh');
    assert.equal(await h.credential.get(), 'v1');
    assert.equal(h.fetches.length, 2, 'one refresh for both callers');
    assert.equal(h.fetches[1]!.force, true);
    h.fetches[1]!.resolve('v2');
    await settled();
    assert.equal(await h.credential.get(), 'v2');
  });

  it('short-lived credentials refresh at half their lifetime', async () => {
    const h = harness({ lifetimeMs: 10_000 });
    const first = h.credential.get();
    h.fetches[0]!.resolve('v1');
    await first;
    h.advance(4_999);
    await h.credential.get();
    assert.equal(h.fetches.length, 1);
    h.advance(2);
    await h.credential.get();
    assert.equal(h.fetches.length, 2);
  });

  it('once expired, callers wait for the new value', async () => {
    const h = harness({ lifetimeMs: 10_000 });
    const first = h.credential.get();
    h.fetches[0]!.resolve('v1');
    await first;
    h.advance(10_001);
    const next = h.credential.get();
    assert.equal(h.fetches.length, 2);
    h.fetches[1]!.resolve('v2');
    assert.equal(await next, 'v2');
  });

  it('a failed background refresh keeps the valid value, is shown in status and retried after a pause', async () => {
    const h = harness({ lifetimeMs: 600_000 });
    const first = h.credential.get();
    h.fetches[0]!.resolve('v1');
    await first;
    h.advance(400_000);
    assert.equal(await h.credential.get(), 'v1');
    h.fetches[1]!.reject(new Error('metadata service unreachable'));
    await settled();
    assert.equal(await h.credential.get(), 'v1');
    assert.equal(h.fetches.length, 2, 'no retry storm right after a failure');
    assert.equal(h.credential.status().state, 'valid');
    assert.equal(h.credential.status().lastError, 'metadata service unreachable');
    assert.deepEqual(h.credential.status().lastRefresh, { at: new Date(1_400_000).toISOString(), ok: false }, 'the failed refresh and when');
    assert.equal(h.credential.status().expiresAt, new Date(1_600_000).toISOString(), 'the cached credential still serves until it expires');
    h.advance(5_001);
    await h.credential.get();
    assert.equal(h.fetches.length, 3);
  });

  it('a failed first fetch rejects with the source and reason; status says failed; the next call tries again', async () => {
    const h = harness({ lifetimeMs: 600_000 });
    const first = h.credential.get();
    h.fetches[0]!.reject(new Error('no credentials'));
    await assert.rejects(first, { message: 'test source: no credentials' });
    assert.deepEqual(h.credential.status(), {
      source: 'test source',
      resolvedVia: null,
      state: 'failed',
      expiresAt: null,
      lastError: 'no credentials',
      lastRefresh: { at: new Date(1_000_000).toISOString(), ok: false },
    });
    const second = h.credential.get();
    assert.equal(h.fetches.length, 2);
    h.fetches[1]!.resolve('v1');
    assert.equal(await second, 'v1');
  });

  it('invalidate drops the cached value; a value without expiry is cached until then', async () => {
    const h = harness();
    const first = h.credential.get();
    h.fetches[0]!.resolve('v1');
    await first;
    h.advance(365 * 24 * 3_600_000);
    assert.equal(await h.credential.get(), 'v1');
    h.credential.invalidate();
    const next = h.credential.get();
    assert.equal(h.fetches.length, 2);
    h.fetches[1]!.resolve('v2');
    assert.equal(await next, 'v2');
  });

  it('a credential endpoint that never answers fails the fetch after the timeout, and a later call tries again', async () => {
    let calls = 0;
    const credential = new RefreshAheadCredential<string>({
      source: 'silent endpoint',
      describeError: (error) => (error as Error).message,
      secretsOf: () => [],
      fetchTimeoutMs: 30,
      fetch: () => {
        calls += 1;
        return calls === 1 ? new Promise(() => undefined) : Promise.resolve({ value: 'v1', expiresAt: undefined });
      },
    });
    await assert.rejects(credential.get(), { message: 'silent endpoint: no answer within 0.03 s' });
    assert.equal(await credential.get(), 'v1');
  });
});
