import type { BatchRecord } from '../stores/batch-store.js';
import { chooseBatchMode } from './choose-batch-mode.js';
import type { BatchDriverDeps } from './batch-driver-deps.js';
import { driveNativeBatch } from './drive-native-batch.js';
import { finalizeBatch } from './finalize-batch.js';
import { isRunnable, parseBatchInput, type RunnableLine } from './parse-batch-input.js';
import { LineRecorder } from './line-recorder.js';
import { invalidLineOutcome, runBatchLine, type LineOutcome } from './run-batch-line.js';

export type { BatchDriverDeps };

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
    const codec = deps.codecs[batch.spec.endpoint];
    const lines = parseBatchInput(input, { endpoint: batch.spec.endpoint, codec });
    const state = await chooseBatchMode({ batch, lines: lines.filter(isRunnable), runner: deps.runner, codec, describeError: deps.describeError, clientFor: deps.native?.clientFor });
    await deps.store.transition(batch.id, ['validating'], 'in_progress', { inProgressAt: deps.now(), counts: { total: lines.length, completed: 0, failed: 0 }, state });
    batch = (await deps.store.find(batch.id)) ?? batch;
  }
  if (batch.state.mode === 'native' && (batch.status === 'in_progress' || batch.status === 'cancelling')) {
    await driveNativeBatch(batch, deps, signal);
    return;
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
  const recorder = await LineRecorder.open(deps.store, batch.id, lines.length);
  const record = (index: number, outcome: LineOutcome) => recorder.record(index, outcome);
  for (const line of lines) if (!isRunnable(line) && !recorder.has(line.index)) await record(line.index, invalidLineOutcome(line));
  const queue: RunnableLine[] = lines.filter((line): line is RunnableLine => isRunnable(line) && !recorder.has(line.index));
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
