import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Caller } from '../auth/key-registry.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import type { InferenceCodec, InferenceContext, InferenceExchange, ResponseStream } from './inference-context.js';
import { ANSWERED, type InferenceStage } from './inference-stage.js';
import { InFlightRequests } from './in-flight-requests.js';
import { InferenceRunner } from './run-inference.js';

const codec: InferenceCodec = {
  apiType: 'chat',
  parseRequest: (body) => body as InferenceContext['request'],
  encodeResult: () => ({}),
  createStreamEncoder: () => {
    throw new Error('not streamed');
  },
};

/** An exchange that records what the runner did with it. */
function recordingExchange() {
  const log: string[] = [];
  const exchange: InferenceExchange = {
    headers: {},
    body: { model: 'm', messages: [] },
    ended: false,
    onClose: () => log.push('onClose'),
    takeOver: () => log.push('takeOver'),
    writeJson: () => undefined,
    writeJsonText: () => undefined,
    openStream: () => ({}) as ResponseStream,
    fail: (error) => log.push(`fail:${(error as Error).message}`),
  };
  return { exchange, log };
}

function stage(name: string, log: string[], options: { throws?: string; answers?: boolean; finishThrows?: boolean } = {}): InferenceStage {
  return {
    name,
    run: () => {
      log.push(`run:${name}`);
      if (options.throws) throw new Error(options.throws);
      return options.answers ? ANSWERED : undefined;
    },
    finish: () => {
      log.push(`finish:${name}`);
      if (options.finishThrows) throw new Error(`finish ${name} failed`);
    },
  };
}

const caller: Caller = { key: {} as ApiKeyRecord };

describe('InferenceRunner (the stage list semantics)', () => {
  it('runs admit then serve in order, and every finish in list order once the request ends', async () => {
    const { exchange, log } = recordingExchange();
    const inFlight = new InFlightRequests();
    const runner = new InferenceRunner({ authenticate: () => caller, admit: [stage('a', log)], serve: [stage('b', log), stage('c', log)] }, inFlight);
    await runner.run({ exchange, codec, route: 'chat' });
    assert.deepEqual(log, ['run:a', 'onClose', 'takeOver', 'run:b', 'run:c', 'finish:a', 'finish:b', 'finish:c']);
    assert.equal(inFlight.size, 0);
  });

  it('a request is in flight from admission until its stages are done, whether they answer or fail', async () => {
    const inFlight = new InFlightRequests();
    const seen: number[] = [];
    const watch: InferenceStage = { name: 'watch', run: (ctx) => void seen.push([...inFlight].filter((entry) => entry === ctx).length) };
    const runner = new InferenceRunner({ authenticate: () => caller, admit: [], serve: [watch, stage('dispatch', [], { throws: 'upstream down' })] }, inFlight);
    await runner.run({ exchange: recordingExchange().exchange, codec, route: 'chat' });
    await runner.run({ exchange: recordingExchange().exchange, codec, route: 'chat' });
    assert.deepEqual(seen, [1, 1]);
    assert.equal(inFlight.size, 0);
  });

  it('an admission failure propagates to the HTTP layer: no take-over, no finish, nothing in flight', async () => {
    const { exchange, log } = recordingExchange();
    const runner = new InferenceRunner({ authenticate: () => caller, admit: [stage('a', log, { throws: '429' })], serve: [stage('b', log)] }, new InFlightRequests());
    await assert.rejects(runner.run({ exchange, codec, route: 'chat' }), /429/);
    assert.deepEqual(log, ['run:a']);
  });

  it('a serve failure is answered through the exchange and every finish still runs (settle and record included)', async () => {
    const { exchange, log } = recordingExchange();
    const runner = new InferenceRunner({ authenticate: () => caller, admit: [], serve: [stage('dispatch', log, { throws: 'upstream down' }), stage('settle', log), stage('record', log)] }, new InFlightRequests());
    await runner.run({ exchange, codec, route: 'chat' });
    assert.deepEqual(log, ['onClose', 'takeOver', 'run:dispatch', 'fail:upstream down', 'finish:dispatch', 'finish:settle', 'finish:record']);
  });

  it('a stage that answers (cache hit) ends the forward pass; a throwing finish does not skip the others', async () => {
    const { exchange, log } = recordingExchange();
    const runner = new InferenceRunner(
      { authenticate: () => caller, admit: [], serve: [stage('cache', log, { answers: true, finishThrows: true }), stage('dispatch', log), stage('settle', log)] },
      new InFlightRequests(),
    );
    await assert.rejects(runner.run({ exchange, codec, route: 'chat' }), /finish cache failed/);
    assert.deepEqual(log, ['onClose', 'takeOver', 'run:cache', 'finish:cache', 'finish:dispatch', 'finish:settle']);
  });
});
