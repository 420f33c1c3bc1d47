import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NativeBatchClient, NativeBatchResult, NativeBatchStatus } from '../../src/batch/native/native-batch-client.js';

/** Polls a native batch every 10 ms until it leaves `running` (at most 5 s), for the client tests. */
export async function settleNativeBatch(client: NativeBatchClient, nativeId: string): Promise<NativeBatchStatus> {
  for (let i = 0; i < 500; i++) {
    const status = await client.poll(nativeId);
    if (status.state !== 'running') return status;
    await sleep(10);
  }
  throw new Error('batch never settled');
}

/** Reads every result of a native batch by custom id, asserting that none is reported twice. */
export async function collectNativeResults(client: NativeBatchClient, nativeId: string): Promise<Map<string, NativeBatchResult>> {
  const results = new Map<string, NativeBatchResult>();
  for await (const result of client.results(nativeId)) {
    assert.ok(!results.has(result.customId), `${result.customId} reported once`);
    results.set(result.customId, result);
  }
  return results;
}
