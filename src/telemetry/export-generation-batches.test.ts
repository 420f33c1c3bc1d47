import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GenerationRecord } from '../stores/generation-store.js';
import { GenerationBatchExporter, type ExportDropReason } from './export-generation-batches.js';

function record(id: string): GenerationRecord {
  return {
    id, keyHash: 'hash', workspaceId: 'default', model: 'sim/echo', providerName: 'Sim', upstreamId: null, apiType: 'chat',
    createdAt: 0, streamed: false, cancelled: false, status: 200, finishReason: 'stop', nativeFinishReason: 'stop',
    latencyMs: 1, generationTimeMs: 2, promptTokens: 3, completionTokens: 4, reasoningTokens: 0, cachedTokens: 0,
    cacheWriteTokens: 0, costPico: 1_000_000n, upstreamCostPico: null, isByok: false, externalUser: null, sessionId: null,
    attempts: [], responseCacheSourceId: null,
  };
}

describe('GenerationBatchExporter', () => {
  let server: Server;
  let url: string;
  let answer: (res: ServerResponse) => void = (res) => res.writeHead(200).end();
  const posts: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        posts.push(body);
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const open = (overrides: Partial<ConstructorParameters<typeof GenerationBatchExporter>[0]> = {}) => {
    const counts = { delivered: 0, queue_full: 0, delivery_failed: 0, rejected: 0 };
    const exporter = new GenerationBatchExporter({
      url, secret: 's', batchSize: 2, flushIntervalMs: 20, maxQueue: 100, timeoutMs: 300, retryDelaysMs: [10, 10],
      onDelivered: (count) => (counts.delivered += count),
      onDropped: (reason: ExportDropReason, count) => (counts[reason] += count),
      onError: () => undefined,
      ...overrides,
    });
    return { exporter, counts };
  };

  it('does not retry a batch the receiver refused with a 4xx', async () => {
    posts.length = 0;
    answer = (res) => res.writeHead(400).end();
    const { exporter, counts } = open();
    exporter.offer({ record: record('gen-1'), content: undefined });
    exporter.offer({ record: record('gen-2'), content: undefined });
    const deadline = Date.now() + 3000;
    while (counts.rejected < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(counts, { delivered: 0, queue_full: 0, delivery_failed: 0, rejected: 2 });
    assert.equal(posts.length, 1, 'one POST, no retry');
    await exporter.shutdown();
  });

  it('stops within its timeout when the receiver hangs, counting what it could not send', async () => {
    posts.length = 0;
    answer = () => undefined; // never answers
    const { exporter, counts } = open({ timeoutMs: 400 });
    for (let index = 0; index < 5; index += 1) exporter.offer({ record: record(`gen-h${index}`), content: undefined });
    await new Promise((resolve) => setTimeout(resolve, 50)); // a batch is in flight
    const startedAt = Date.now();
    await exporter.shutdown();
    const took = Date.now() - startedAt;
    assert.ok(took < 1000, `shutdown took ${took} ms`);
    assert.equal(counts.delivered, 0);
    assert.equal(counts.delivery_failed, 5, 'every record is accounted for');
    exporter.offer({ record: record('gen-late'), content: undefined });
    assert.equal(exporter.queued, 0, 'nothing is queued after the stop');
  });
});
