import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { createLogger } from '../telemetry/create-logger.js';
import { registerSecret } from '../core/secret-registry.js';
import { LogRequestOnce } from './log-request-once.js';
import { createLazyRequestLogger } from './lazy-request-logger.js';

/** Fastify's own completion line (its child logger, its serializers, pino's redaction): what LogRequestOnce must reproduce. */
class PinoCompletionLine extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

async function logLinesOf(controller: LogController, lazy: boolean, send: (app: ReturnType<typeof Fastify>) => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  });
  const app = Fastify({
    loggerInstance: createLogger('info', destination) as FastifyBaseLogger,
    logController: controller,
    ...(lazy ? { childLoggerFactory: createLazyRequestLogger } : {}),
  });
  app.get('/v1/models', async () => ({ ok: true }));
  app.get('/fails', async (request, reply) => {
    request.log.warn({ status: 503 }, 'request failed');
    return reply.code(503).send({ error: 'no' });
  });
  await app.ready();
  await send(app);
  await app.close();
  return lines;
}

/** Time and response time differ between two runs; everything else must not. */
const normalize = (line: string) => line.replace(/"time":\d+/, '"time":0').replace(/"responseTime":[0-9.e-]+/, '"responseTime":0');

describe('LogRequestOnce', () => {
  it('writes the line pino writes through a child logger, byte for byte apart from the clock', async () => {
    const send = (app: ReturnType<typeof Fastify>) =>
      app.inject({ method: 'GET', url: '/v1/models?x=1', headers: { host: 'gw.example:8080', authorization: 'Bearer sk-or-v1-abcdefabcdef', 'accept-version': '2' } });
    const expected = (await logLinesOf(new PinoCompletionLine(), false, send)).filter((line) => line.includes('request completed'));
    const actual = (await logLinesOf(new LogRequestOnce(), true, send)).filter((line) => line.includes('request completed'));
    assert.equal(expected.length, 1);
    assert.equal(actual.length, 1);
    assert.equal(normalize(actual[0]!), normalize(expected[0]!));
    const parsed = JSON.parse(actual[0]!) as Record<string, unknown>;
    assert.equal(parsed['reqId'], 'req-1');
    assert.deepEqual(parsed['req'], { method: 'GET', url: '/v1/models?x=1', version: '2', host: 'gw.example:8080', remoteAddress: '127.0.0.1' });
    assert.equal(typeof parsed['responseTime'], 'number');
    assert.ok(!actual[0]!.includes('sk-or-v1-abcdefabcdef'), 'no header reaches the line');
  });

  it('passes the line through the secret scrubber: a key in the URL never reaches the log', async () => {
    const registered = 'registered-upstream-secret-4711';
    registerSecret(registered);
    const lines = await logLinesOf(new LogRequestOnce(), true, (app) => app.inject({ method: 'GET', url: `/v1/models?key=sk-or-v1-0123456789abcdef&other=${registered}` }));
    const completed = lines.filter((line) => line.includes('request completed'));
    assert.equal(completed.length, 1);
    assert.ok(!completed[0]!.includes('sk-or-v1-0123456789abcdef'), completed[0]);
    assert.ok(!completed[0]!.includes(registered), completed[0]);
    assert.match(completed[0]!, /\[REDACTED_KEY\]/);
  });

  it('scrubs every field a client controls: Host and Accept-Version too', async () => {
    const registered = 'registered-upstream-secret-0815';
    registerSecret(registered);
    const lines = await logLinesOf(new LogRequestOnce(), true, (app) =>
      app.inject({ method: 'GET', url: '/v1/models', headers: { host: `${registered}.example`, 'accept-version': 'sk-or-v1-fedcba9876543210' } }),
    );
    const completed = lines.filter((line) => line.includes('request completed'));
    assert.equal(completed.length, 1);
    assert.ok(!completed[0]!.includes(registered), completed[0]);
    assert.ok(!completed[0]!.includes('sk-or-v1-fedcba9876543210'), completed[0]);
    const parsed = JSON.parse(completed[0]!) as { req: Record<string, unknown> };
    assert.equal(parsed.req['host'], '[REDACTED_KEY].example');
    assert.equal(parsed.req['version'], '[REDACTED_KEY]');
  });

  it('request.log still logs with the request id once something logs through it', async () => {
    const lines = await logLinesOf(new LogRequestOnce(), true, async (app) => {
      await app.inject({ method: 'GET', url: '/v1/models' });
      await app.inject({ method: 'GET', url: '/fails' });
    });
    const failed = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'request failed');
    assert.ok(failed, lines.join('\n'));
    assert.equal(failed['reqId'], 'req-2');
    assert.equal(failed['status'], 503);
    assert.equal(failed['level'], 40);
    const completed = lines.filter((line) => line.includes('request completed'));
    assert.equal(completed.length, 2);
    assert.match(completed[1]!, /"reqId":"req-2".*"res":\{"statusCode":503\}/);
  });

  it('writes nothing below its level', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString('utf8')), done()) });
    const app = Fastify({ loggerInstance: createLogger('warn', destination) as FastifyBaseLogger, logController: new LogRequestOnce(), childLoggerFactory: createLazyRequestLogger });
    app.get('/ping', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/ping' });
    await app.close();
    assert.deepEqual(lines, []);
  });
});
