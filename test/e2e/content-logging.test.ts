import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

/** Every byte of the SQLite files (database, WAL, shared memory) in the data directory. */
function databaseBytes(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((name) => name.includes('.db'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('\n');
}

describe('privacy: prompts and completions are stored only on opt-in', () => {
  let stack: TestStack;
  let loggedKey: { key: string; hash: string };
  let otherKey: string;

  before(async () => {
    stack = await startTestStack();
    const logged = await stack.createKey({ name: 'logged key' });
    loggedKey = { key: logged.key, hash: logged.data.hash as string };
    otherKey = (await stack.createKey({ name: 'not logged' })).key;
    const response = await fetch(`${stack.baseURL}/workspace/privacy`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key_logging: { [loggedKey.hash]: 7 } }),
    });
    assert.equal(response.status, 200);
  });
  after(() => stack.close());

  const content = (id: string, key: string) => fetch(`${stack.baseURL}/generation/content?id=${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${key}` } });

  it("serves the opted-in key's prompt and completion, streamed and not", async () => {
    const client = new OpenAI({ apiKey: loggedKey.key, baseURL: stack.baseURL, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'logged-prompt-zebra' }] });
    const response = await content(reply.id, loggedKey.key);
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: { input: { messages: Array<{ content: string }> }; output: { choices: Array<{ message: { content: string } }> }; expires_at: string } };
    assert.equal(data.input.messages[0]?.content, 'logged-prompt-zebra');
    assert.equal(data.output.choices[0]?.message.content, 'Echo: logged-prompt-zebra');
    const retentionDays = (Date.parse(data.expires_at) - Date.now()) / 86_400_000;
    assert.ok(retentionDays > 6.9 && retentionDays <= 7, `retention ${retentionDays} days`);

    const stream = await client.chat.completions.create({ model: 'sim/echo', stream: true, messages: [{ role: 'user', content: 'logged-stream-okapi' }] });
    let id = '';
    for await (const chunk of stream) id = chunk.id;
    const streamed = (await (await content(id, loggedKey.key)).json()) as { data: { output: { content: string } } };
    assert.equal(streamed.data.output.content, 'Echo: logged-stream-okapi');
  });

  it('stores nothing of a key that did not opt in (the content store answers only its own workspace: see the PrivacyStore contract)', async () => {
    const client = new OpenAI({ apiKey: otherKey, baseURL: stack.baseURL, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'secret-prompt-narwhal' }] });
    assert.equal((await content(reply.id, otherKey)).status, 404);
    await fetch(`${stack.baseURL}/generation?id=${reply.id}`, { headers: { authorization: `Bearer ${otherKey}` } }); // flushes records
    const bytes = databaseBytes(stack.dataDir);
    assert.ok(bytes.includes('logged-prompt-zebra'), 'the scan must be able to see logged text');
    assert.ok(!bytes.includes('secret-prompt-narwhal'), 'a prompt of a key without opt-in reached the database');
    assert.ok(!bytes.includes('Echo: secret-prompt-narwhal'), 'a completion of a key without opt-in reached the database');
  });

  it('logs the prompt as forwarded: what a guardrail redacted is not kept', async () => {
    const manage = (method: string, path: string, body: unknown) =>
      fetch(`${stack.baseURL}${path}`, {
        method,
        headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, json: (await response.json()) as { data?: { id: string } } }));
    const created = await manage('POST', '/guardrails', { name: 'redact emails', content_filter_builtins: [{ slug: 'email', action: 'redact' }] });
    assert.equal(created.status, 201);
    const assigned = await manage('POST', `/guardrails/${created.json.data?.id}/assignments/keys`, { key_hashes: [loggedKey.hash] });
    assert.equal(assigned.status, 200);
    const client = new OpenAI({ apiKey: loggedKey.key, baseURL: stack.baseURL, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'write to quokka.private@example.org' }] });
    const { data } = (await (await content(reply.id, loggedKey.key)).json()) as { data: { input: { messages: Array<{ content: string }> } } };
    assert.equal(data.input.messages[0]?.content, 'write to [EMAIL]');
    assert.ok(!databaseBytes(stack.dataDir).includes('quokka.private@example.org'));
  });
});
