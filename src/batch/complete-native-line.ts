import type { Caller } from '../auth/key-registry.js';
import type { Provider } from '../core/provider-types.js';
import type { InferenceCodec } from '../pipeline/inference-context.js';
import type { InferenceRunner } from '../pipeline/run-inference.js';
import type { WireAdapter } from '../protocols/wire-adapter.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import type { NativeLineState } from '../stores/batch-store.js';
import { BatchExchange, type DescribeError } from './batch-exchange.js';
import type { NativeBatchResult } from './native/native-batch-client.js';
import type { RunnableLine } from './parse-batch-input.js';
import { outcomeOf, type LineOutcome } from './run-batch-line.js';

/**
 * One upstream result of a natively batched line, finished as a live request is after dispatch
 * (InferenceRunner.runFromDispatch): the protocol's adapter reads the wire response, then relay
 * (tokens), settle at the batch price (`attempt` carries it) against the line's hold, output
 * guardrails, the client's encoding, and the generation record with `batch_id`. An upstream error
 * for the request is answered and recorded like a failed live request (nothing charged, hold freed).
 */
export async function completeNativeLine(options: {
  line: RunnableLine;
  state: NativeLineState;
  result: NativeBatchResult;
  batch: { id: string; keyHash: string };
  caller: Caller;
  attempt: RouteAttempt;
  adapter: WireAdapter;
  runner: InferenceRunner;
  codec: InferenceCodec;
  describeError: DescribeError;
}): Promise<LineOutcome> {
  const { line, state, result, attempt, adapter } = options;
  const provider = attempt.endpoint.provider;
  const exchange = new BatchExchange({ body: line.body, keyHash: options.batch.keyHash, batchId: options.batch.id, describeError: options.describeError });
  const ctx = options.runner.resumeContext({ exchange, codec: options.codec, route: 'batch', generationId: state.generationId, caller: options.caller });
  ctx.plan = [attempt];
  ctx.served = attempt;
  ctx.billing.scopes = state.scopes;
  ctx.billing.reserved = BigInt(state.reserved);
  const status = result.ok ? 200 : (result.error.status ?? 502);
  ctx.attempts.push({ provider: provider.name, model: attempt.model.model.id, status, latencyMs: 0, startedAt: ctx.startedAt });
  let outcome: Parameters<InferenceRunner['runFromDispatch']>[1];
  try {
    outcome = result.ok ? { outcome: { kind: 'result', result: adapter.readResult(result.body, provider), adapter } } : { error: itemError(result.error, adapter, provider) };
  } catch (error) {
    outcome = { error };
  }
  await options.runner.runFromDispatch(ctx, outcome);
  return outcomeOf(line, exchange.answer ?? options.describeError(new Error('no answer')));
}

/** The provider's per-request error, read by the protocol's own error reader (status, retryability, scrubbing). */
function itemError(error: Extract<NativeBatchResult, { ok: false }>['error'], adapter: WireAdapter, provider: Provider): unknown {
  // Both OpenAI's ({error: {code, message}}) and Anthropic's ({type: "error", error: {type, message}}) readers take this shape.
  const body = { type: 'error', error: { type: error.code ?? 'api_error', code: error.code, message: error.message } };
  return adapter.readError({ status: error.status ?? 502, bodyText: JSON.stringify(body), retryAfter: undefined, provider });
}
