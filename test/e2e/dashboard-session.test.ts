import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

describe('dashboard: static bundle at / and cookie sessions for the management API', () => {
  let stack: TestStack;
  let origin: string;
  let cookie: string;

  const request = (method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${origin}${path}`, {
      method,
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  before(async () => {
    stack = await startTestStack();
    origin = stack.gateway.url;
  });
  after(() => stack.close());

  it('serves the built dashboard at / with a strict CSP, and its assets from the gateway only', async () => {
    const page = await request('GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'.*frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const html = await page.text();
    assert.ok(!/https?:\/\//.test(html), 'no external URL in index.html (works offline, no CDN)');
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    assert.ok(assets.some((asset) => asset.endsWith('.js')) && assets.some((asset) => asset.endsWith('.css')), html);
    for (const asset of assets) {
      const response = await request('GET', asset);
      assert.equal(response.status, 200, asset);
      assert.match(response.headers.get('cache-control') ?? '', /immutable/);
    }
    const missing = await request('GET', '/nope.html');
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: number } }).error.code, 404);
  });

  it('refuses a wrong key (401) and an API key (403) at sign-in, in the error envelope', async () => {
    const wrong = await request('POST', '/api/v1/dashboard/session', { body: { key: 'sk-or-v1-nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('set-cookie'), null);
    const apiKey = await request('POST', '/api/v1/dashboard/session', { body: { key: stack.apiKey } });
    assert.equal(apiKey.status, 403);
    const empty = await request('POST', '/api/v1/dashboard/session', { body: {} });
    assert.equal(empty.status, 400);
    const probe = await request('GET', '/api/v1/dashboard/session');
    assert.equal(probe.status, 200);
    assert.deepEqual(await probe.json(), { data: null });
    assert.equal((await request('GET', '/api/v1/dashboard/session', { headers: { authorization: 'Bearer sk-or-v1-nope' } })).status, 401);
  });

  it('signs in with the management key: HttpOnly SameSite=Strict cookie that is not the key', async () => {
    const response = await request('POST', '/api/v1/dashboard/session', { body: { key: stack.adminKey }, headers: { origin } });
    assert.equal(response.status, 201);
    const setCookie = response.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^switchyard_session=sy-session-[\w-]{43};/);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Strict/i);
    assert.match(setCookie, /Path=\//);
    assert.ok(!setCookie.includes(stack.adminKey));
    const body = await response.text();
    assert.ok(!body.includes(stack.adminKey));
    assert.equal((JSON.parse(body) as { data: { key_name: string } }).data.key_name, 'Management key');
    cookie = setCookie.split(';')[0]!;
    const session = await request('GET', '/api/v1/dashboard/session', { headers: { cookie } });
    assert.equal(session.status, 200);
  });

  it('the cookie reads the management API; a change needs the gateway Origin (CSRF)', async () => {
    assert.equal((await request('GET', '/api/v1/keys', { headers: { cookie } })).status, 200);
    assert.equal((await request('GET', '/api/v1/dashboard/overview', { headers: { cookie } })).status, 200);
    const noOrigin = await request('POST', '/api/v1/keys', { body: { name: 'csrf' }, headers: { cookie } });
    assert.equal(noOrigin.status, 403);
    const error = ((await noOrigin.json()) as { error: { message: string; metadata: { error_type: string } } }).error;
    assert.match(error.message, /Origin/);
    const evil = await request('POST', '/api/v1/keys', { body: { name: 'csrf' }, headers: { cookie, origin: 'http://evil.example' } });
    assert.equal(evil.status, 403);
    const evilSignIn = await request('POST', '/api/v1/dashboard/session', { body: { key: stack.adminKey }, headers: { origin: 'http://evil.example' } });
    assert.equal(evilSignIn.status, 403);
    const keys = (await (await request('GET', '/api/v1/keys', { headers: { cookie } })).json()) as { data: Array<{ name: string }> };
    assert.ok(!keys.data.some((key) => key.name === 'csrf'), 'refused requests changed nothing');
    const ok = await request('POST', '/api/v1/keys', { body: { name: 'from the dashboard' }, headers: { cookie, origin } });
    assert.equal(ok.status, 201);
  });

  it('a session cannot call inference, and signing out ends it', async () => {
    const chat = await request('POST', '/api/v1/chat/completions', { body: { model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }] }, headers: { cookie, origin } });
    assert.equal(chat.status, 403);
    const out = await request('DELETE', '/api/v1/dashboard/session', { headers: { cookie, origin } });
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie') ?? '', /switchyard_session=;/);
    assert.equal((await request('GET', '/api/v1/keys', { headers: { cookie } })).status, 401);
    assert.deepEqual(await (await request('GET', '/api/v1/dashboard/session', { headers: { cookie } })).json(), { data: null });
  });

  it('records sign-in with who and from where, and never the key or the session token', async () => {
    const audit = (await (await request('GET', '/api/v1/audit?action=dashboard.sign_in', { headers: { authorization: `Bearer ${stack.adminKey}` } })).json()) as {
      data: Array<{ actor: { name: string; ip: string } }>;
    };
    assert.equal(audit.data.length, 1);
    assert.equal(audit.data[0]!.actor.ip, '127.0.0.1');
    const all = await (await request('GET', '/api/v1/audit?limit=200', { headers: { authorization: `Bearer ${stack.adminKey}` } })).text();
    assert.ok(!all.includes(stack.adminKey));
    assert.ok(!all.includes(cookie.split('=')[1]!));
  });
});
