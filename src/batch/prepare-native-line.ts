import { InvalidRequestError } from '../core/errors/gateway-error.js';
import type { Provider, WireProtocolName } from '../core/provider-types.js';
import type { InferenceCodec, InferenceContext } from '../pipeline/inference-context.js';
import type { InferenceRunner } from '../pipeline/run-inference.js';
import type { WireAdapter } from '../protocols/wire-adapter.js';
import type { NativeLineState } from '../stores/batch-store.js';
import { BatchExchange, type DescribeError } from './batch-exchange.js';
import { batchPricedAttempt } from './batch-priced-attempt.js';
import type { RunnableLine } from './parse-batch-input.js';
import { outcomeOf, pause, retryAfterMs, type LineOutcome } from './run-batch-line.js';

/** A line ready to upload (held at the batch price), or its final entry (refused, blocked, over budget). */
export type PreparedLine =
  | { kind: 'ready'; line: RunnableLine; /** Catalog model id. */ model: string; upstreamModel: string; state: NativeLineState; body: string }
  | { kind: 'done'; line: RunnableLine; outcome: LineOutcome };

/**
 * Everything a line goes through before it is uploaded to the provider's batch API, by the same
 * stages as live traffic (InferenceRunner.runUntilDispatch): the key's state and rate limits,
 * capabilities, input guardrails (a blocked line gets its error entry and is not uploaded),
 * privacy and provider limits on the route, then a budget hold of its worst case at the batch
 * price — durable until `holdUntil`, since another node may settle it — and the request
 * translated by the protocol's adapter. Resolves undefined when the batch stops first.
 */
export async function prepareNativeLine(options: {
  line: RunnableLine;
  batch: { id: string; keyHash: string };
  generationId: string;
  provider: Provider;
  runner: InferenceRunner;
  codec: InferenceCodec;
  adapters: ReadonlyMap<WireProtocolName, WireAdapter>;
  describeError: DescribeError;
  holdUntil: Date;
  signal: AbortSignal;
}): Promise<PreparedLine | undefined> {
  const { line, provider } = options;
  for (;;) {
    if (options.signal.aborted) return undefined;
    const exchange = new BatchExchange({ body: line.body, keyHash: options.batch.keyHash, batchId: options.batch.id, describeError: options.describeError });
    let ctx: InferenceContext;
    try {
      ctx = await options.runner.runUntilDispatch({
        exchange,
        codec: options.codec,
        route: 'batch',
        generationId: options.generationId,
        onPlanned: (planned) => narrowToProvider(planned, provider, options.holdUntil),
      });
    } catch (error) {
      const reply = options.describeError(error);
      // The key's own rate limits: wait for the window, as a gateway-run line does.
      if (reply.status === 429) {
        if (!(await pause(retryAfterMs(reply.headers, 500), options.signal))) return undefined;
        continue;
      }
      return { kind: 'done', line, outcome: outcomeOf(line, reply) };
    }
    if (exchange.answer) return { kind: 'done', line, outcome: outcomeOf(line, exchange.answer) };
    const attempt = ctx.plan[0]!;
    try {
      const adapter = options.adapters.get(provider.protocol);
      if (!adapter) throw new InvalidRequestError(`Protocol ${provider.protocol} is not available`);
      const call = await adapter.buildCall({
        request: ctx.request,
        provider,
        upstreamModel: attempt.endpoint.upstreamModel,
        stream: false,
        maxOutputTokens: attempt.endpoint.entry.max_completion_tokens,
      });
      const state: NativeLineState = {
        index: line.index,
        customId: `l${line.index}`,
        generationId: ctx.generationId,
        scopes: ctx.billing.scopes ?? [],
        reserved: ctx.billing.reserved.toString(),
      };
      return { kind: 'ready', line, model: attempt.model.model.id, upstreamModel: attempt.endpoint.upstreamModel, state, body: call.body };
    } catch (error) {
      // Not translatable: answered, recorded and its hold freed as a live request that failed here.
      await options.runner.runFromDispatch(ctx, { error });
      return { kind: 'done', line, outcome: outcomeOf(line, exchange.answer ?? options.describeError(error)) };
    }
  }
}

/** Only the batch's provider serves the line, at its batch price, with a hold that outlives this process. */
function narrowToProvider(ctx: InferenceContext, provider: Provider, holdUntil: Date): void {
  const first = ctx.plan[0];
  if (!first || first.byok || first.endpoint.provider.id !== provider.id) {
    const where = first ? `${first.endpoint.provider.name}${first.byok ? ' with your own key' : ''}` : 'no provider';
    throw new InvalidRequestError(
      `This request routes to ${where} (after guardrail and provider limits), but its batch runs in ${provider.name}'s batch API; submit it in a separate batch.`,
    );
  }
  ctx.plan = [batchPricedAttempt(first)];
  ctx.billing.holdUntil = holdUntil;
}
