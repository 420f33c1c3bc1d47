import type { ApiKeyRecord } from '../stores/key-store.js';
import type { Provider } from '../core/provider-types.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { WireAdapter } from '../protocols/wire-adapter.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import type { BatchRecord, NativeBatchState, NativeJobState } from '../stores/batch-store.js';
import { batchPricedAttempt } from './batch-priced-attempt.js';
import { completeNativeLine } from './complete-native-line.js';
import type { BatchDriverDeps, NativeBatchDeps } from './batch-driver-deps.js';
import { finalizeBatch } from './finalize-batch.js';
import { forEachConcurrently } from './for-each-concurrently.js';
import { groupNativeUploads } from './group-native-uploads.js';
import { LineRecorder } from './line-recorder.js';
import type { NativeBatchClient, NativeBatchStatus } from './native/native-batch-client.js';
import { nativeGenerationId } from './native-generation-id.js';
import { isRunnable, parseBatchInput, type RunnableLine } from './parse-batch-input.js';
import { prepareNativeLine, type PreparedLine } from './prepare-native-line.js';
import { invalidLineOutcome, outcomeOf, pause } from './run-batch-line.js';


/** After the batch's own window, how long its holds outlive every driver at most (the upstream's window starts a little later). */
const HOLD_GRACE_MS = 24 * 3_600_000;
const SUBMIT_RETRIES = 3;
/** Lines prepared, and results settled, at once: enough for the ledger's group commits to share work. */
const CONCURRENCY = 8;
const STATUS_EVERY_MS = 250;

/**
 * Drives a batch whose lines run in one provider's batch API (state.mode `native`), from
 * `in_progress` or `cancelling` to its end, resuming wherever a previous driver stopped:
 *
 * 1. Lines neither finished nor uploaded are prepared (prepareNativeLine: the live stages, a
 *    durable hold at the batch price), grouped per model (OpenAI takes one model per batch) and cut
 *    to the client's limits, and each group is submitted; its upstream id is stored at once, so a
 *    restart polls it instead of submitting again.
 * 2. Upstream batches are polled every `pollMs`; a finished one's results are settled one by one
 *    (completeNativeLine) and stored. Requests the upstream never ran (cancelled, expired, missing)
 *    have their hold released and an error entry, unbilled.
 * 3. A cancel (or the window passing) cancels the upstream batches; their partial results are still
 *    collected and billed. Then the output and error files are written.
 *
 * `signal` aborts when this node stops or loses the lease: it returns, and the next driver carries on.
 */
export async function driveNativeBatch(initial: BatchRecord, deps: BatchDriverDeps, signal: AbortSignal): Promise<void> {
  const native = deps.native;
  const state = initial.state.native;
  if (!native || !state) throw new Error(`batch ${initial.id} is native but this node has no native batch support`);
  const provider = native.catalog.providers.get(state.provider);
  const client = provider && native.clientFor(provider);
  const adapter = provider && native.adapters.get(provider.protocol);
  if (!provider || !client || !adapter) {
    deps.log.error({ batch: initial.id, provider: state.provider }, 'a native batch\'s provider is no longer configured with a batch API; it waits until it is');
    return;
  }
  const codec = deps.codecs[initial.spec.endpoint];
  let input: string;
  try {
    input = await deps.storage.readText(initial.spec.inputFileId);
  } catch (error) {
    deps.log.error({ err: error, batch: initial.id }, 'reading a batch input file failed');
    return;
  }
  const lines = parseBatchInput(input, { endpoint: initial.spec.endpoint, codec });
  const runnable = new Map(lines.filter(isRunnable).map((line) => [line.index, line]));
  const recorder = await LineRecorder.open(deps.store, initial.id, lines.length);
  for (const line of lines) if (!isRunnable(line) && !recorder.has(line.index)) await recorder.record(line.index, invalidLineOutcome(line));
  const run = { batch: initial, state, provider, client, adapter, native, deps, codec, runnable, recorder, signal };

  const save = () => deps.store.update(initial.id, { state: { ...initial.state, mode: 'native', native: state } });
  const current = async () => (await deps.store.find(initial.id)) ?? initial;
  if ((await current()).status === 'in_progress' && deps.now() < initial.expiresAt) await submitPending(run, save);
  if (signal.aborted) return;

  for (;;) {
    const batch = await current();
    if ((batch.status === 'cancelling' || deps.now() >= batch.expiresAt) && !state.cancelRequested) {
      state.cancelRequested = true;
      await save();
      for (const job of state.jobs.filter((job) => !job.collected)) {
        await client.cancel(job.remoteId, signal).catch((error: unknown) => deps.log.warn({ err: error, batch: batch.id, remote: job.remoteId }, 'cancelling an upstream batch failed'));
      }
    }
    for (const job of state.jobs.filter((job) => !job.collected)) {
      let status: NativeBatchStatus;
      try {
        status = await client.poll(job.remoteId, signal);
        if (status.state === 'running') continue;
        // Upstream batches this driver stopped: their unrun requests end as the batch does.
        const stoppedAs = state.cancelRequested ? (batch.status === 'cancelling' ? 'cancelled' : 'expired') : undefined;
        await collect(run, job, status, stoppedAs);
      } catch (error) {
        if (signal.aborted) return;
        if (deps.now() < batch.expiresAt + HOLD_GRACE_MS) {
          deps.log.warn({ err: error, batch: batch.id, remote: job.remoteId }, 'polling an upstream batch failed; trying again');
          continue;
        }
        // As long as the holds last and no longer: the upstream batch is lost, its lines end unbilled.
        deps.log.error({ err: error, batch: batch.id, remote: job.remoteId }, 'an upstream batch could not be read before its holds lapse; giving it up');
        const message = `it could not be read before the batch's holds lapsed (${error instanceof Error ? error.message : String(error)})`;
        await collect(run, job, { state: 'failed', counts: { total: job.lines.length, succeeded: 0, failed: 0 }, resultsReady: false, message }, undefined);
      }
      job.collected = true;
      await save();
    }
    if (state.jobs.every((job) => job.collected)) break;
    if (!(await pause(native.pollMs, signal))) return;
  }

  const batch = await current();
  const cancelled = batch.status === 'cancelling';
  const expired = !cancelled && deps.now() >= batch.expiresAt;
  // Lines never uploaded (the batch stopped while they were prepared) end unrun.
  for (const line of runnable.values()) {
    if (recorder.has(line.index)) continue;
    await recorder.record(line.index, notRun(line, cancelled ? 'cancelled' : 'expired'));
  }
  if (cancelled) await finalizeBatch(batch, deps, { from: ['cancelling'], to: 'cancelled' });
  else if (expired) await finalizeBatch(batch, deps, { from: ['in_progress'], to: 'expired' });
  else if (await deps.store.transition(batch.id, ['in_progress'], 'finalizing', { finalizingAt: deps.now() })) {
    await finalizeBatch({ ...batch, status: 'finalizing' }, deps, { from: ['finalizing'], to: 'completed' });
  }
}

interface NativeRun {
  batch: BatchRecord;
  state: NativeBatchState;
  provider: Provider;
  client: NativeBatchClient;
  adapter: WireAdapter;
  native: NativeBatchDeps;
  deps: BatchDriverDeps;
  codec: BatchDriverDeps['codecs'][keyof BatchDriverDeps['codecs']];
  runnable: Map<number, RunnableLine>;
  recorder: LineRecorder;
  signal: AbortSignal;
}

/** Prepares every line not finished and not uploaded, then submits them, one upstream batch per model and size limit. */
async function submitPending(run: NativeRun, save: () => Promise<void>): Promise<void> {
  const { batch, state, native, deps, recorder, signal } = run;
  const uploaded = new Set(state.jobs.flatMap((job) => job.lines.map((line) => line.index)));
  const pending = [...run.runnable.values()].filter((line) => !recorder.has(line.index) && !uploaded.has(line.index));
  if (pending.length === 0) return;
  // Holds of the previous pass, if a driver died between preparing and submitting, go first.
  for (const line of pending) await native.ledger.release(nativeGenerationId(batch, state.round, line.index));
  state.round += 1;
  await save();
  const holdUntil = new Date(batch.expiresAt + HOLD_GRACE_MS);
  const ready: Array<Extract<PreparedLine, { kind: 'ready' }>> = [];
  let checkedAt = 0;
  await forEachConcurrently(pending, CONCURRENCY, async (line) => {
    // A cancel stops the preparation (looked up at most every STATUS_EVERY_MS, not per line).
    if (deps.now() - checkedAt >= STATUS_EVERY_MS) {
      checkedAt = deps.now();
      if ((await deps.store.find(batch.id))?.status !== 'in_progress') return false;
    }
    const prepared = await prepareNativeLine({
      line, batch, generationId: nativeGenerationId(batch, state.round, line.index), provider: run.provider, runner: deps.runner, codec: run.codec,
      adapters: native.adapters, describeError: deps.describeError, holdUntil, signal,
    });
    if (!prepared) return false;
    if (prepared.kind === 'done') await recorder.record(line.index, prepared.outcome);
    else ready.push(prepared);
    return true;
  });
  for (const group of groupNativeUploads(ready, run.client.limits)) {
    if (signal.aborted || (await deps.store.find(batch.id))?.status !== 'in_progress') {
      for (const item of group) await native.ledger.release(item.state.generationId);
      continue;
    }
    const remoteId = await submitGroup(run, group);
    if (remoteId === undefined) continue;
    state.jobs.push({ remoteId, model: group[0]!.model, collected: false, lines: group.map((item) => item.state) });
    await save();
  }
}

/** The upstream batch id, or undefined after the group's lines were ended (refused upstream). */
async function submitGroup(run: NativeRun, group: Array<Extract<PreparedLine, { kind: 'ready' }>>): Promise<string | undefined> {
  const { batch, client, deps, native, recorder, signal } = run;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const items = group.map((item) => ({ customId: item.state.customId, body: item.body, model: item.upstreamModel }));
      return (await client.submit({ endpoint: 'chat', items, metadata: { switchyard_batch: batch.id }, signal })).nativeId;
    } catch (error) {
      const retryable = error instanceof GatewayError && error.retryable;
      if (retryable && attempt < SUBMIT_RETRIES && !signal.aborted && (await pause(1000 * 2 ** attempt, signal))) continue;
      deps.log.warn({ err: error, batch: batch.id }, 'submitting to a provider batch API failed');
      for (const item of group) {
        await native.ledger.release(item.state.generationId);
        // A node stopping mid-submit leaves the lines for the next driver's pass.
        if (!signal.aborted) await recorder.record(item.line.index, outcomeOf(item.line, deps.describeError(error)));
      }
      return undefined;
    }
  }
}

/** Settles and stores every result of an upstream batch that ended; what it never ran ends unbilled. */
async function collect(run: NativeRun, job: NativeJobState, status: NativeBatchStatus, stoppedAs: 'cancelled' | 'expired' | undefined): Promise<void> {
  const { batch, client, deps, native, recorder, runnable, signal } = run;
  const byCustomId = new Map(job.lines.map((line) => [line.customId, line]));
  const seen = new Set<string>();
  if (status.resultsReady) {
    const attempt = attemptFor(run, job.model);
    const key = native.keyFor(batch.keyHash) ?? goneKey(batch);
    // Several at once, so their settlements share the ledger's group commits.
    await forEachConcurrently(client.results(job.remoteId, signal), CONCURRENCY, async (result) => {
      const state = byCustomId.get(result.customId);
      const line = state && runnable.get(state.index);
      if (!state || !line || seen.has(result.customId)) return;
      seen.add(result.customId);
      if (recorder.has(state.index)) return;
      if (!result.ok && result.error.reason !== 'upstream_error') {
        await native.ledger.release(state.generationId);
        await recorder.record(state.index, notRun(line, stoppedAs ?? result.error.reason));
        return;
      }
      if (!attempt) {
        await native.ledger.release(state.generationId);
        await recorder.record(state.index, invalidLineOutcome({ customId: line.customId, error: { code: 'model_not_found', message: `${job.model} at ${run.provider.name} is no longer in the catalog; this result cannot be priced.` } }));
        return;
      }
      const outcome = await completeNativeLine({ line, state, result, batch, caller: { key }, attempt, adapter: run.adapter, runner: deps.runner, codec: run.codec, describeError: deps.describeError });
      await recorder.record(state.index, outcome);
    });
  }
  for (const state of job.lines) {
    const line = runnable.get(state.index);
    if (seen.has(state.customId) || !line || recorder.has(state.index)) continue;
    await native.ledger.release(state.generationId);
    if (status.state === 'failed') {
      const message = `The ${run.provider.name} batch failed: ${status.message ?? 'no reason given'}`;
      await recorder.record(state.index, invalidLineOutcome({ customId: line.customId, error: { code: 'native_batch_failed', message } }));
    } else {
      const why = status.state === 'expired' || status.state === 'cancelled' ? (stoppedAs ?? status.state) : 'missing';
      await recorder.record(state.index, notRun(line, why));
    }
  }
}

function attemptFor(run: NativeRun, model: string): RouteAttempt | undefined {
  const resolved = run.native.catalog.models.get(model);
  const endpoint = resolved?.endpoints.find((candidate) => candidate.provider.id === run.provider.id);
  return resolved && endpoint ? batchPricedAttempt({ model: resolved, endpoint }) : undefined;
}

/** The error entry of a request the upstream never ran (not billed). */
function notRun(line: RunnableLine, why: 'expired' | 'cancelled' | 'missing') {
  const error =
    why === 'expired'
      ? { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' }
      : why === 'cancelled'
        ? { code: 'batch_cancelled', message: 'This request was not executed because the batch was cancelled.' }
        : { code: 'missing_result', message: 'The provider returned no result for this request; it was not billed.' };
  return invalidLineOutcome({ customId: line.customId, error });
}

/** A key deleted since the batch ran: its results are still billed to its hash and workspace. */
function goneKey(batch: BatchRecord): ApiKeyRecord {
  return {
    hash: batch.keyHash, kind: 'inference', name: '', label: '', disabled: true, limit: null, limitReset: null,
    includeByokInLimit: false, workspaceId: batch.workspaceId, creatorUserId: null, createdAt: new Date(batch.createdAt).toISOString(), updatedAt: null, expiresAt: null,
  };
}
