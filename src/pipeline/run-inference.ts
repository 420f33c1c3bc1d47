import type { InferenceCodec, InferenceContext, InferenceExchange } from './inference-context.js';
import { createInferenceContext } from './inference-context.js';
import { ANSWERED, type InferenceStage } from './inference-stage.js';
import type { InferenceStages } from './inference-stages.js';

/**
 * Runs the stage list for one request. Admission stages run first; a failure there propagates
 * (the HTTP layer answers it in the dialect's envelope) and nothing is recorded. Once accepted,
 * the pipeline owns the response: serve stages run until one answers or all ran, a failure is
 * answered through the exchange (JSON error, or in-band once streaming), and every stage's
 * `finish` runs at the end, whatever happened.
 */
export class InferenceRunner {
  readonly #stages: InferenceStages;
  readonly #finishers: readonly InferenceStage[];
  readonly #inFlight: Set<InferenceContext>;

  constructor(stages: InferenceStages, inFlight: Set<InferenceContext>) {
    this.#stages = stages;
    this.#finishers = [...stages.admit, ...stages.serve].filter((stage) => stage.finish !== undefined);
    this.#inFlight = inFlight;
  }

  async run(options: { exchange: InferenceExchange; codec: InferenceCodec; route: string }): Promise<void> {
    const { exchange, codec } = options;
    const caller = this.#stages.authenticate(exchange);
    const request = codec.parseRequest(exchange.body, exchange.headers);
    const ctx = createInferenceContext({ caller, codec, route: options.route, exchange, request });
    for (const stage of this.#stages.admit) await stage.run?.(ctx);
    this.#accept(ctx);
    try {
      for (const stage of this.#stages.serve) if ((await stage.run?.(ctx)) === ANSWERED) break;
    } catch (error) {
      exchange.fail(error, ctx);
    } finally {
      ctx.finishedAt = Date.now();
      this.#inFlight.delete(ctx);
      this.#finish(ctx);
    }
  }

  /** Every finish runs even when one throws (settlement and the record must not depend on the others); the first error is rethrown. */
  #finish(ctx: InferenceContext): void {
    let failure: { error: unknown } | undefined;
    for (const stage of this.#finishers) {
      try {
        stage.finish!(ctx);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  #accept(ctx: InferenceContext): void {
    this.#inFlight.add(ctx);
    ctx.exchange.onClose((finished) => {
      if (!finished) {
        ctx.cancelled = true;
        ctx.abort.abort();
      }
    });
    ctx.exchange.takeOver();
  }
}
