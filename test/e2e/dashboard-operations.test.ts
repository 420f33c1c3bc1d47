/**
 * The management endpoints behind the dashboard's operations views, through the public HTTP API:
 * what requests in flight hold (Credits page).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface Holds {
  data: { workspace_held: number; keys: Array<{ hash: string; name: string; held: number }> };
}

describe('dashboard operations endpoints', () => {
  let stack: TestStack;
  const manage = async <T>(path: string, key = stack.adminKey): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${stack.baseURL}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, json: (await response.json()) as T };
  };
  const chat = (key: string, content: string) =>
    fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', max_tokens: 100, messages: [{ role: 'user', content }] }),
    });

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  it('GET /dashboard/holds shows what a capped request in flight holds, per key, and nothing once it ends', async () => {
    const capped = await stack.createKey({ name: 'held key', limit: 5 });
    assert.deepEqual((await manage<Holds>('/dashboard/holds')).json.data, { workspace_held: 0, keys: [] });
    // The simulator holds the response back for a while: the reservation is live meanwhile.
    const pending = chat(capped.key, 'wait for me [[sim:delay=1500]]');
    let seen: Holds['data'] | undefined;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const { json } = await manage<Holds>('/dashboard/holds');
      if (json.data.keys.length > 0) {
        seen = json.data;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(seen, 'the hold shows up while the request runs');
    assert.equal(seen.keys.length, 1);
    assert.equal(seen.keys[0]!.name, 'held key');
    assert.equal(seen.keys[0]!.hash, capped.data.hash);
    // Worst case of prompt + 100 output tokens at $0.000002: above zero, far below the limit.
    assert.ok(seen.keys[0]!.held > 0.0002 && seen.keys[0]!.held < 0.01, String(seen.keys[0]!.held));
    const response = await pending;
    assert.equal(response.status, 200, await response.text());
    assert.deepEqual((await manage<Holds>('/dashboard/holds')).json.data.keys, [], 'settled: nothing held');
  });

  it('refuses inference keys', async () => {
    const { status, json } = await manage<{ error: { code: number; message: string } }>('/dashboard/holds', stack.apiKey);
    assert.equal(status, 403);
    assert.equal(json.error.code, 403);
  });
});
