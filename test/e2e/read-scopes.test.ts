import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

/**
 * #11 item 7: an inference key reads only its own generations (and their logged content); a
 * management key reads the workspace's. A management key can manage BYOK keys and privacy settings
 * of any workspace by naming it (`?workspace_id=`, or `workspace_id` in a BYOK create body).
 */
describe('who may read and manage what', () => {
  let stack: TestStack;
  let alice: { key: string; hash: string };
  let bob: string;

  before(async () => {
    stack = await startTestStack();
    const created = await stack.createKey({ name: 'alice' });
    alice = { key: created.key, hash: created.data.hash as string };
    bob = (await stack.createKey({ name: 'bob' })).key;
    const logging = await admin('/workspace/privacy', { method: 'PATCH', body: { key_logging: { [alice.hash]: 1 } } });
    assert.equal(logging.status, 200);
    assert.equal((await admin('/workspaces', { method: 'POST', body: { id: 'acme', name: 'Acme' } })).status, 201);
  });
  after(() => stack?.close());

  const call = (key: string, path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${stack.baseURL}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${key}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const admin = (path: string, init: { method?: string; body?: unknown } = {}) => call(stack.adminKey, path, init);

  it("an inference key gets 404 for another key's generation and content; its own and the management key's reads work", async () => {
    const res = await call(alice.key, '/chat/completions', { method: 'POST', body: { model: 'sim/echo', messages: [{ role: 'user', content: 'mine only' }] } });
    assert.equal(res.status, 200);
    const id = res.headers.get('x-generation-id')!;
    assert.equal((await call(alice.key, `/generation?id=${id}`)).status, 200);
    assert.equal((await call(alice.key, `/generation/content?id=${id}`)).status, 200);
    const other = await call(bob, `/generation?id=${id}`);
    assert.equal(other.status, 404);
    assert.equal(((await other.json()) as { error: { code: number } }).error.code, 404);
    assert.equal((await call(bob, `/generation/content?id=${id}`)).status, 404);
    assert.equal((await admin(`/generation?id=${id}`)).status, 200);
    assert.equal((await admin(`/generation/content?id=${id}`)).status, 200);
  });

  it('a management key manages BYOK keys of a named workspace, separate from the default one', async () => {
    const created = await admin('/byok', { method: 'POST', body: { provider: 'openai', key: 'byok-acme-0123456789abcdef', workspace_id: 'acme' } });
    assert.equal(created.status, 201, await created.clone().text());
    const { data } = (await created.json()) as { data: { id: string; workspace_id: string } };
    assert.equal(data.workspace_id, 'acme');
    const listAcme = (await (await admin('/byok?workspace_id=acme')).json()) as { data: Array<{ id: string }> };
    assert.deepEqual(listAcme.data.map((key) => key.id), [data.id]);
    const listDefault = (await (await admin('/byok')).json()) as { data: Array<{ id: string }> };
    assert.ok(!listDefault.data.some((key) => key.id === data.id), 'not in the default workspace');
    assert.equal((await admin(`/byok/${data.id}`)).status, 404, 'the default workspace does not see it');
    assert.equal((await admin(`/byok/${data.id}?workspace_id=acme`)).status, 200);
    assert.equal((await admin(`/byok/${data.id}?workspace_id=acme`, { method: 'PATCH', body: { name: 'renamed' } })).status, 200);
    assert.equal((await admin(`/byok/${data.id}?workspace_id=acme`, { method: 'DELETE' })).status, 200);
    assert.equal((await admin('/byok?workspace_id=nope')).status, 404, 'an unknown workspace is a 404');
  });

  it('a management key reads and changes the privacy settings of a named workspace only', async () => {
    const before = (await (await admin('/workspace/privacy')).json()) as { data: Record<string, unknown> };
    const patched = await admin('/workspace/privacy?workspace_id=acme', { method: 'PATCH', body: { data_collection: 'deny' } });
    assert.equal(patched.status, 200, await patched.clone().text());
    const acme = (await (await admin('/workspace/privacy?workspace_id=acme')).json()) as { data: { data_collection: string } };
    assert.equal(acme.data.data_collection, 'deny');
    const after = (await (await admin('/workspace/privacy')).json()) as { data: Record<string, unknown> };
    assert.deepEqual(after.data, before.data, 'the default workspace is unchanged');
    assert.equal((await admin('/workspace/privacy?workspace_id=nope')).status, 404);
  });
});
