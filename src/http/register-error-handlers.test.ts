import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { registerErrorHandlers } from './register-error-handlers.js';

async function appWhile(stopping: boolean) {
  const app = Fastify();
  registerErrorHandlers(app, { bodyLimitBytes: 1024, isStopping: () => stopping });
  app.get('/ping', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('registerErrorHandlers', () => {
  it('lets requests through while the gateway runs', async () => {
    const app = await appWhile(false);
    const response = await app.inject({ method: 'GET', url: '/ping' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { ok: true });
    await app.close();
  });

  it('answers a new request while stopping with 503 shutting_down in the envelope, and closes the connection', async () => {
    const app = await appWhile(true);
    const response = await app.inject({ method: 'GET', url: '/ping' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.headers.connection, 'close');
    const body = response.json() as { error: { code: number; message: string } };
    assert.equal(body.error.code, 503);
    assert.match(body.error.message, /shutting down/);
    await app.close();
  });

  it('answers an unknown route 404 and a known route with another method 405', async () => {
    const app = await appWhile(false);
    assert.equal((await app.inject({ method: 'GET', url: '/nope' })).statusCode, 404);
    const wrongMethod = await app.inject({ method: 'POST', url: '/ping' });
    assert.equal(wrongMethod.statusCode, 405);
    assert.equal(wrongMethod.headers.allow, 'GET');
    await app.close();
  });
});
