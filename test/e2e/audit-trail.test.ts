import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface AuditEntryJson {
  id: string;
  created_at: string;
  workspace_id: string;
  action: string;
  target_id: string | null;
  actor: { key_hash: string; name: string; ip: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const BYOK_SECRET = 'sk-byok-audit-0123456789-SECRET-abcdefghij';
const BYOK_ROTATED = 'sk-byok-audit-rotated-9876543210-SECRET-zyxw';

describe('audit trail: every management change writes exactly one entry, never a secret', () => {
  let stack: TestStack;
  const secrets: string[] = [BYOK_SECRET, BYOK_ROTATED];

  const call = async (method: string, path: string, body?: unknown, key = stack.adminKey) => {
    const response = await fetch(`${stack.baseURL}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  const audit = async (query = '') => {
    const { status, json } = await call('GET', `/audit${query}`);
    assert.equal(status, 200, JSON.stringify(json));
    return json as { data: AuditEntryJson[]; next_cursor: string | null };
  };
  /** Runs a change and returns the one entry it wrote (failing if it wrote none or several). */
  const changeWritesOne = async (action: string, method: string, path: string, body?: unknown, expectedStatus = method === 'POST' && !path.includes('/assignments/') ? 201 : 200) => {
    const [newest] = (await audit('?limit=1')).data;
    const response = await call(method, path, body);
    assert.equal(response.status, expectedStatus, `${method} ${path}: ${JSON.stringify(response.json)}`);
    const since = (await audit('?limit=200')).data.filter((entry) => newest === undefined || Number(entry.id) > Number(newest.id));
    assert.equal(since.length, 1, `${method} ${path} wrote ${since.length} entries: ${JSON.stringify(since)}`);
    const entry = since[0]!;
    assert.equal(entry.action, action);
    assert.equal(entry.actor.key_hash, createHash('sha256').update(stack.adminKey).digest('hex'));
    assert.equal(entry.actor.name, 'Management key');
    assert.equal(entry.actor.ip, '127.0.0.1');
    assert.ok(Math.abs(Date.parse(entry.created_at) - Date.now()) < 60_000);
    return { entry, response: response.json };
  };

  before(async () => {
    stack = await startTestStack({ extraProviders: (simUrl) => [{ id: 'groq', base_url: simUrl, enabled: false }] });
    secrets.push(stack.adminKey, stack.apiKey);
  });
  after(() => stack.close());

  const covered = new Set<string>();
  const cover = (method: string, route: string) => covered.add(`${method} ${route}`);

  it('keys: create, update (only changed fields, before and after), delete', async () => {
    const created = await changeWritesOne('key.create', 'POST', '/keys', { name: 'audited', limit: 5, rate_limits: { requests_per_minute: 60 } });
    cover('POST', '/api/v1/keys');
    secrets.push(created.response.key);
    const hash = created.response.data.hash as string;
    assert.equal(created.entry.target_id, hash);
    assert.equal(created.entry.before, null);
    assert.equal(created.entry.after?.name, 'audited');
    assert.equal(created.entry.after?.limit, 5);
    assert.deepEqual(created.entry.after?.rate_limits, { requests_per_minute: 60, tokens_per_minute: null, concurrent_requests: null });

    const updated = await changeWritesOne('key.update', 'PATCH', `/keys/${hash}`, { limit: 10, disabled: true });
    cover('PATCH', '/api/v1/keys/:hash');
    assert.deepEqual(updated.entry.before, { limit: 5, disabled: false });
    assert.deepEqual(updated.entry.after, { limit: 10, disabled: true });

    const deleted = await changeWritesOne('key.delete', 'DELETE', `/keys/${hash}`);
    cover('DELETE', '/api/v1/keys/:hash');
    assert.equal(deleted.entry.before?.name, 'audited');
    assert.equal(deleted.entry.after, null);
  });

  it('workspaces, members and credits', async () => {
    const workspace = await changeWritesOne('workspace.create', 'POST', '/workspaces', { id: 'audit-ws', name: 'Audit WS' });
    cover('POST', '/api/v1/workspaces');
    assert.equal(workspace.entry.workspace_id, 'audit-ws');
    const member = await changeWritesOne('member.create', 'POST', '/workspaces/audit-ws/members', { id: 'alice', name: 'Alice', limit: 3 });
    cover('POST', '/api/v1/workspaces/:id/members');
    assert.equal(member.entry.after?.limit, 3);
    const patched = await changeWritesOne('member.update', 'PATCH', '/workspaces/audit-ws/members/alice', { limit: 4 });
    cover('PATCH', '/api/v1/workspaces/:id/members/:member');
    assert.deepEqual([patched.entry.before, patched.entry.after], [{ limit: 3 }, { limit: 4 }]);
    const credits = await changeWritesOne('credits.add', 'POST', '/credits', { amount: 25, workspace_id: 'audit-ws', note: 'top-up' });
    cover('POST', '/api/v1/credits');
    assert.equal(credits.entry.workspace_id, 'audit-ws');
    assert.equal(credits.entry.after?.amount, 25);
  });

  it('BYOK keys: create, rotate, delete; the provider key shows only as [secret]', async () => {
    const created = await changeWritesOne('byok.create', 'POST', '/byok', { provider: 'groq', key: BYOK_SECRET, name: 'team groq' });
    cover('POST', '/api/v1/byok');
    const id = created.response.data.id as string;
    assert.equal(created.entry.after?.key, '[secret]');
    const rotated = await changeWritesOne('byok.update', 'PATCH', `/byok/${id}`, { key: BYOK_ROTATED, name: 'rotated' });
    cover('PATCH', '/api/v1/byok/:id');
    assert.deepEqual(rotated.entry.before, { key: null, label: 'sk-b...ghij', name: 'team groq', updated_at: null });
    assert.equal(rotated.entry.after?.key, '[secret]');
    assert.equal(rotated.entry.after?.name, 'rotated');
    await changeWritesOne('byok.delete', 'DELETE', `/byok/${id}`);
    cover('DELETE', '/api/v1/byok/:id');
  });

  it('privacy settings', async () => {
    const { entry } = await changeWritesOne('privacy.update', 'PATCH', '/workspace/privacy', { enforce_zdr: true });
    cover('PATCH', '/api/v1/workspace/privacy');
    assert.deepEqual([entry.before, entry.after], [{ enforce_zdr: false }, { enforce_zdr: true }]);
  });

  it('guardrails: create, update, assign and unassign keys and members, delete', async () => {
    const created = await changeWritesOne('guardrail.create', 'POST', '/guardrails', { name: 'g1', limit_usd: 2 });
    cover('POST', '/api/v1/guardrails');
    const id = created.response.data.id as string;
    const updated = await changeWritesOne('guardrail.update', 'PATCH', `/guardrails/${id}`, { limit_usd: 3 });
    cover('PATCH', '/api/v1/guardrails/:id');
    assert.equal(updated.entry.before?.limit_usd, 2);
    assert.equal(updated.entry.after?.limit_usd, 3);
    const keyHash = createHash('sha256').update(stack.apiKey).digest('hex');
    const assigned = await changeWritesOne('guardrail.assign_keys', 'POST', `/guardrails/${id}/assignments/keys`, { key_hashes: [keyHash] });
    cover('POST', '/api/v1/guardrails/:id/assignments/keys');
    assert.deepEqual(assigned.entry.after, { key_hashes: [keyHash], assigned_count: 1 });
    await changeWritesOne('guardrail.unassign_keys', 'POST', `/guardrails/${id}/assignments/keys/remove`, { key_hashes: [keyHash] });
    cover('POST', '/api/v1/guardrails/:id/assignments/keys/remove');
    await changeWritesOne('guardrail.assign_members', 'POST', `/guardrails/${id}/assignments/members`, { member_user_ids: ['bob'] });
    cover('POST', '/api/v1/guardrails/:id/assignments/members');
    await changeWritesOne('guardrail.unassign_members', 'POST', `/guardrails/${id}/assignments/members/remove`, { member_user_ids: ['bob'] });
    cover('POST', '/api/v1/guardrails/:id/assignments/members/remove');
    await changeWritesOne('guardrail.delete', 'DELETE', `/guardrails/${id}`);
    cover('DELETE', '/api/v1/guardrails/:id');
  });

  it('dashboard sign-in and sign-out', async () => {
    const signIn = await changeWritesOne('dashboard.sign_in', 'POST', '/dashboard/session', { key: stack.adminKey });
    cover('POST', '/api/v1/dashboard/session');
    assert.equal(signIn.entry.target_id, null);
    assert.ok(signIn.entry.after?.session_expires_at);
    await changeWritesOne('dashboard.sign_out', 'DELETE', '/dashboard/session');
    cover('DELETE', '/api/v1/dashboard/session');
  });

  it('alert rules: create, update and delete are audited, the webhook secret never', async () => {
    const created = await changeWritesOne('alert_rule.create', 'POST', '/alerts/rules', { name: 'budget watch', webhook_url: 'http://127.0.0.1:9/hook', rule: { type: 'budget' } });
    cover('POST', '/api/v1/alerts/rules');
    const secret = created.response.webhook_secret as string;
    assert.ok(secret);
    secrets.push(secret);
    assert.equal(created.entry.after?.name, 'budget watch');
    const updated = await changeWritesOne('alert_rule.update', 'PATCH', `/alerts/rules/${created.response.data.id}`, { name: 'budget watch 2', rule: { type: 'budget', thresholds_percent: [90] } });
    cover('PATCH', '/api/v1/alerts/rules/:id');
    assert.equal(updated.entry.before?.name, 'budget watch');
    assert.equal(updated.entry.after?.name, 'budget watch 2');
    assert.deepEqual((updated.entry.after?.rule as { thresholds_percent: number[] }).thresholds_percent, [90]);
    assert.equal(updated.response.webhook_secret, undefined, 'the webhook was already there: no secret again');
    await changeWritesOne('alert_rule.delete', 'DELETE', `/alerts/rules/${created.response.data.id}`);
    cover('DELETE', '/api/v1/alerts/rules/:id');
  });

  it('covers every management route that changes something (a new one must be audited and listed here)', () => {
    // Inference endpoints, under /api/v1 or the bare /v1 alias Anthropic and OpenAI clients use, and the
    // Files + Batches API: an API key's own inference work (each batch line is a generation), not management.
    const inferencePath = /^\/(api\/)?v1\/(chat\/completions|completions|messages|messages\/count_tokens|embeddings|responses|batches|batches\/:id\/cancel|files|files\/:id)$/;
    const inference = { has: (path: string) => inferencePath.test(path) };
    const routes: string[] = [];
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const) {
      for (const path of routePaths(stack.gateway.app.printRoutes({ commonPrefix: false, method }))) {
        // Evaluating alert rules changes no setting (what fires is in /alerts/events).
        if (!inference.has(path) && path !== '/api/v1/alerts/evaluate') routes.push(`${method} ${path}`);
      }
    }
    assert.ok(routes.length >= 18, routes.join(', '));
    const unaudited = routes.filter((route) => !covered.has(route));
    assert.deepEqual(unaudited, [], `management routes without an audit test: ${unaudited.join(', ')}`);
  });

  it('refused and read-only calls write nothing', async () => {
    const before = (await audit('?limit=200')).data.length;
    assert.equal((await call('POST', '/keys', { name: '' })).status, 400);
    assert.equal((await call('PATCH', '/keys/nope', { limit: 1 })).status, 404);
    assert.equal((await call('POST', '/keys', { name: 'x' }, stack.apiKey)).status, 403);
    await call('GET', '/keys');
    await call('GET', '/workspace/privacy');
    assert.equal((await audit('?limit=200')).data.length, before);
  });

  it('GET /audit filters, pages with a keyset cursor, and refuses bad parameters by name', async () => {
    const all = (await audit('?limit=200')).data;
    assert.ok(all.length >= 18, String(all.length));
    const ids = all.map((entry) => Number(entry.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    const paged: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await audit(`?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.data.length <= 7);
      paged.push(...page.data.map((entry) => entry.id));
      cursor = page.next_cursor;
    }
    assert.deepEqual(paged, all.map((entry) => entry.id));
    assert.deepEqual(new Set((await audit('?action=key.create')).data.map((e) => e.action)), new Set(['key.create']));
    assert.ok((await audit('?workspace_id=audit-ws')).data.every((e) => e.workspace_id === 'audit-ws'));
    assert.equal((await audit('?workspace_id=audit-ws')).data.length, 4);
    assert.equal((await audit(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).data.length, 0);
    assert.equal((await audit('?until=2000-01-01')).data.length, 0);
    for (const [query, parameter] of [['?limit=0', 'limit'], ['?cursor=abc', 'cursor'], ['?since=yesterday', 'since'], ['?order=asc', 'order']]) {
      const refused = await call('GET', `/audit${query}`);
      assert.equal(refused.status, 400, query);
      assert.match(refused.json.error.message, new RegExp(parameter!));
    }
    assert.equal((await call('GET', '/audit', undefined, stack.apiKey)).status, 403);
  });

  it('no entry holds a secret: not the admin key, an API key, or a provider key', async () => {
    const text = JSON.stringify((await audit('?limit=200')).data);
    for (const secret of secrets) assert.ok(!text.includes(secret), `a secret leaked into the audit trail`);
    assert.ok(!/sk-[A-Za-z0-9_-]{24,}/.test(text));
  });
});

/** Full paths out of Fastify's printRoutes tree ("├── /api/v1/keys (POST)" / "│   └── /:hash (POST)"). */
function routePaths(tree: string): string[] {
  const stack: string[] = [];
  const paths: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ├└─]*)(\/\S*) \(/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4 - 1;
    stack.length = depth;
    stack.push(match[2]!);
    paths.push(stack.join(''));
  }
  return paths;
}
