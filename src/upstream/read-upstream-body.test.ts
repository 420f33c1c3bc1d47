import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readUpstreamEvents } from './read-upstream-body.js';
import type { UpstreamResponse } from './upstream-client.js';

function fakeResponse(chunks: Buffer[]): UpstreamResponse {
  return {
    status: 200,
    headers: {},
    body: Readable.from(chunks) as unknown as UpstreamResponse['body'],
    deadline: { aborted: false },
  };
}

const context = {
  request: { providerName: 'OpenAI', timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 }, signal: new AbortController().signal },
};

async function batchesOf(chunks: Buffer[]): Promise<string[][]> {
  const batches: string[][] = [];
  for await (const events of readUpstreamEvents(fakeResponse(chunks), context)) batches.push(events.map((event) => event.data));
  return batches;
}

describe('readUpstreamEvents', () => {
  it('yields the events each read completed together, and no empty batch', async () => {
    const batches = await batchesOf([Buffer.from('data: 1\n\ndata: 2\n\nda'), Buffer.from('ta: 3'), Buffer.from('\n\ndata: [DONE]\n\n')]);
    assert.deepEqual(batches, [['1', '2'], ['3', '[DONE]']]);
  });

  it('keeps a character whose UTF-8 bytes are split across reads whole', async () => {
    const bytes = Buffer.from('data: {"content":"né 🙂"}\n\n');
    const splitAt = bytes.indexOf(0xf0) + 2; // inside the emoji's four bytes
    const batches = await batchesOf([bytes.subarray(0, bytes.indexOf(0xc3) + 1), bytes.subarray(bytes.indexOf(0xc3) + 1, splitAt), bytes.subarray(splitAt)]);
    assert.deepEqual(batches, [['{"content":"né 🙂"}']]);
  });

  it('ends a final event that has no blank line after it', async () => {
    assert.deepEqual(await batchesOf([Buffer.from('data: 1\n\ndata: last')]), [['1'], ['last']]);
  });
});
