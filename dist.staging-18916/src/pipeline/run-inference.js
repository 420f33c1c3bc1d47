import { createInferenceContext } from "./inference-context.js";
import { ANSWERED } from "./inference-stage.js";
class InferenceRunner {
  #stages;
  #finishers;
  #inFlight;
  constructor(stages, inFlight) {
    this.#stages = stages;
    this.#finishers = [...stages.admit, ...stages.serve].filter((stage) => stage.finish !== void 0);
    this.#inFlight = inFlight;
  }
  async run(options) {
    const { exchange, codec } = options;
    const caller = this.#stages.authenticate(exchange);
    const request = codec.parseRequest(exchange.body, exchange.headers);
    const ctx = createInferenceContext({ caller, codec, route: options.route, exchange, request });
    for (const stage of this.#stages.admit) await stage.run?.(ctx);
    this.#accept(ctx);
    try {
      for (const stage of this.#stages.serve) if (await stage.run?.(ctx) === ANSWERED) break;
    } catch (error) {
      exchange.fail(error, ctx);
    } finally {
      ctx.finishedAt = Date.now();
      this.#inFlight.delete(ctx);
      this.#finish(ctx);
    }
  }
  /** Every finish runs even when one throws (settlement and the record must not depend on the others); the first error is rethrown. */
  #finish(ctx) {
    let failure;
    for (const stage of this.#finishers) {
      try {
        stage.finish(ctx);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
  #accept(ctx) {
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
export {
  InferenceRunner
};
//# sourceMappingURL=run-inference.js.map
