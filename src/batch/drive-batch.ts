import type { Logger } from 'pino';
import type { InferenceCodec } from '../pipeline/inference-context.js';
import type { InferenceRunner } from '../pipeline/run-inference.js';
import type { BatchEndpoint, BatchRecord, BatchStore } from '../stores/batch-store.js';
import type { FileStore } from '../stores/file-store.js';
import type { DescribeError } from './batch-exchange.js';
import type { BatchFileStorage } from './batch-file-storage.js';
import { finalizeBatch } from './finalize-batch.js';
import { isRunnable, parseBatchInput, type RunnableLine } from './parse-batch-input.js';
import { invalidLineOutcome, runBatchLine } from './run-batch-line.js';
import type { SlotPool } from './slot-pool.js';

/** What driving a batch needs, built once at start-up. */
export interface BatchDriverDeps {
  store: BatchStore;
  files: FileStore;
  storage: BatchFileStorage;
  runner: InferenceRunner;
  codecs: Record<BatchEndpoint, InferenceCodec>;
  describeError: DescribeError;
  /** This node's cap on batch requests in flight, shared by every batch. */
  slots: SlotPool;
  /** Requests of one batch in flight at once. */
  concurrency: number;
  upstream429Retries: number;
  now: () => number;
  log: Logger;
}

/**
 * Drives one batch, whose lease this node holds, as far as it can: validating → in_progress, every
 * line not yet done through the stage list (bounded concurrency, each result stored as it lands,
 * so a restart resumes where it stopped), then finalizing → completed; or → cancelled after a
 * cancel, → expired past its completion window. `signal` aborts when the node stops or loses the
 * lease: nothing new starts and the next driver picks up from the stored lines.
 */
export async function driveBatch(initial: BatchRecord, deps: BatchDriverDeps, signal: AbortSignal): Promise<void> {
  let batch = initial;
  if (batch.status === 'validating') {
    const input = await readInput(batch, deps);
    if (!input) return;
    const total = parseBatchInput(input, { endpoint: batch.spec.endpoint, codec: deps.codecs[batch.spec.endpoint] }).length;
    await deps.store.transition(batch.id, ['validating'], 'in_progress', { inProgressAt: deps.now(), counts: { total, completed: 0, failed: 0 } });
    batch = (await deps.store.find(batch.id)) ?? batch;
  }
  if (batch.status === 'in_progress') {
    await runLines(batch, deps, signal);
    if (signal.aborted) return;
    batch = (await deps.store.find(batch.id)) ?? batch;
  }
  if (batch.status === 'in_progress' && deps.now() >= batch.expiresAt) {
    await expireRemaining(batch, deps);
    await finalizeBatch(batch, deps, { from: ['in_progress'], to: 'expired' });
    return;
  }
  if (batch.status === 'in_progress') {
    if (!(await deps.store.transition(batch.id, ['in_progress'], 'finalizing', { finalizingAt: deps.now() }))) return;
    batch = { ...batch, status: 'finalizing' };
  }
  if (batch.status === 'finalizing') await finalizeBatch(batch, deps, { from: ['finalizing'], to: 'completed' });
  else if (batch.status === 'cancelling') await finalizeBatch(batch, deps, { from: ['cancelling'], to: 'cancelled' });
}

/** The input file's text, or undefined after failing the batch when it is gone. */
async function readInput(batch: BatchRecord, deps: BatchDriverDeps): Promise<string | undefined> {
  try {
    return await deps.storage.readText(batch.spec.inputFileId);
  } catch (error) {
    deps.log.error({ err: error, batch: batch.id }, 'reading a batch input file failed');
    const message = `The input file ${batch.spec.inputFileId} could not be read.`;
    await deps.store.transition(batch.id, ['validating', 'in_progress'], 'failed', { failedAt: deps.now(), state: { ...batch.state, errors: [{ code: 'file_not_found', message, line: null, param: 'input_file_id' }] } });
    return undefined;
  }
}

async function runLines(batch: BatchRecord, deps: BatchDriverDeps, outer: AbortSignal): Promise<void> {
  const input = await readInput(batch, deps);
  if (input === undefined) return;
  const codec = deps.codecs[batch.spec.endpoint];
  const lines = parseBatchInput(input, { endpoint: batch.spec.endpoint, codec });
  const done = await deps.store.lines(batch.id);
  const finished = new Set(done.map((line) => line.index));
  const counts = { total: lines.length, completed: done.filter((line) => line.ok).length, failed: done.filter((line) => !line.ok).length };
  const record = async (index: number, outcome: { ok: boolean; result: string; generationId: string | null }) => {
    if (!(await deps.store.recordLine({ batchId: batch.id, index, ...outcome }))) return;
    if (outcome.ok) counts.completed += 1;
    else counts.failed += 1;
    await deps.store.update(batch.id, { counts: { ...counts } });
  };
  for (const line of lines) if (!isRunnable(line) && !finished.has(line.index)) await record(line.index, invalidLineOutcome(line));
  const queue: RunnableLine[] = lines.filter((line): line is RunnableLine => isRunnable(line) && !finished.has(line.index));
  // Stops starting lines on cancel or expiry; in-flight lines finish and are kept.
  const stop = new AbortController();
  const signal = AbortSignal.any([outer, stop.signal]);
  const worker = async () => {
    for (let line = queue.shift(); line; line = queue.shift()) {
      const current = await deps.store.find(batch.id);
      if (current?.status !== 'in_progress' || deps.now() >= batch.expiresAt) {
        stop.abort();
        return;
      }
      if (!(await deps.slots.acquire(signal))) return;
      try {
        const outcome = await runBatchLine({ line, batch, runner: deps.runner, codec, describeError: deps.describeError, upstream429Retries: deps.upstream429Retries, signal });
        // A line cut short because this node is stopping runs again on the next driver.
        if (!outcome || (outer.aborted && isCutShort(outcome.result))) return;
        await record(line.index, outcome);
      } finally {
        deps.slots.release();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency, Math.max(queue.length, 1)) }, worker));
}

/** The lines a batch past its window never ran go to the error file as `batch_expired`. */
async function expireRemaining(batch: BatchRecord, deps: BatchDriverDeps): Promise<void> {
  const input = await deps.storage.readText(batch.spec.inputFileId).catch(() => '');
  const lines = parseBatchInput(input, { endpoint: batch.spec.endpoint, codec: deps.codecs[batch.spec.endpoint] });
  const finished = new Set((await deps.store.lines(batch.id)).map((line) => line.index));
  for (const line of lines) {
    if (finished.has(line.index)) continue;
    const error = { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' };
    await deps.store.recordLine({ batchId: batch.id, index: line.index, ...invalidLineOutcome({ customId: line.customId, error }) });
  }
}

/** A 499 (client gone / gateway stopping) answer: the line did not really run to an end. */
function isCutShort(result: string): boolean {
  return (JSON.parse(result) as { response: { status_code: number } | null }).response?.status_code === 499;
}
