import type { Caller } from '../auth/key-registry.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import type { DispatchOutcome } from './dispatch-outcome.js';
import type { InferenceCodec, InferenceContext, InferenceExchange } from './inference-context.js';
import { createInferenceContext } from './inference-context.js';
import { ANSWERED, type InferenceStage } from './inference-stage.js';
import type { InferenceStages } from './inference-stages.js';
import type { InFlightEntry, InFlightRequests } from './in-flight-requests.js';
import { publishStageTiming, stageTimings } from './stage-timings-channel.js';

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
  readonly #inFlight: InFlightRequests;

  constructor(stages: InferenceStages, inFlight: InFlightRequests) {
    this.#stages = stages;
    this.#finishers = [...stages.admit, ...stages.serve].filter((stage) => stage.finish !== undefined);
    this.#inFlight = inFlight;
  }

  async run(options: { exchange: InferenceExchange; codec: InferenceCodec; route: string }): Promise<void> {
    const { exchange, codec } = options;
    const caller = this.#stages.authenticate(exchange);
    const request = codec.parseRequest(exchange.body, exchange.headers);
    const ctx = createInferenceContext({ caller, codec, route: options.route, exchange, request });
    // Read once per request: a profiler subscribing mid-request starts with the next one.
    const timed = stageTimings.hasSubscribers;
    // A stage that ran synchronously is not awaited: each await costs a microtask turn per stage.
    for (const stage of this.#stages.admit) {
      const startedAt = timed ? performance.now() : 0;
      const ran = stage.run?.(ctx);
      if (ran instanceof Promise) await ran;
      if (timed) publishStageTiming(ctx.generationId, stage.name, startedAt);
    }
    const entry = this.#accept(ctx);
    try {
      for (const stage of this.#stages.serve) {
        const startedAt = timed ? performance.now() : 0;
        const ran = stage.run?.(ctx);
        const result = ran instanceof Promise ? await ran : ran;
        if (timed) publishStageTiming(ctx.generationId, stage.name, startedAt);
        if (result === ANSWERED) break;
      }
    } catch (error) {
      exchange.fail(error, ctx);
    } finally {
      ctx.finishedAt = Date.now();
      this.#inFlight.remove(entry);
      this.#finish(ctx);
    }
  }

  /**
   * The route a request would take (request, workspace privacy and provider limits, the workspace's
   * own keys), without admitting it: nothing is charged, held or recorded. Guardrail routing limits
   * are not applied (they come with admission).
   */
  async planOnly(options: { exchange: InferenceExchange; codec: InferenceCodec; route: string }): Promise<RouteAttempt[]> {
    const ctx = createInferenceContext({
      caller: this.#stages.authenticate(options.exchange),
      codec: options.codec,
      route: options.route,
      exchange: options.exchange,
      request: options.codec.parseRequest(options.exchange.body, options.exchange.headers),
    });
    await this.#stage('plan-route').run?.(ctx);
    return ctx.plan;
  }

  /**
   * A request dispatched elsewhere, later (a provider's batch API), part 1: admission (capabilities,
   * prompt, rate limit, input guardrails), then the serve stages before dispatch except the response
   * cache (route, middle-out, budget hold). `onPlanned` runs between the route and the hold, to narrow
   * the plan to what will serve it. An admission failure throws, as for HTTP; a later one is answered
   * through the exchange and finished (recorded) like a live request's: check `exchange.ended`. The
   * rate-limit slot comes back when this returns; the finishes of an admitted request run in part 2.
   */
  async runUntilDispatch(options: {
    exchange: InferenceExchange;
    codec: InferenceCodec;
    route: string;
    generationId: string;
    onPlanned: (ctx: InferenceContext) => void;
  }): Promise<InferenceContext> {
    const { exchange, codec } = options;
    const caller = this.#stages.authenticate(exchange);
    const request = codec.parseRequest(exchange.body, exchange.headers);
    const ctx = createInferenceContext({ caller, codec, route: options.route, exchange, request, generationId: options.generationId });
    try {
      for (const stage of this.#stages.admit) await stage.run?.(ctx);
      try {
        for (const stage of this.#stages.serve) {
          if (stage.name === 'dispatch') break;
          if (stage.name === 'cache-lookup') continue;
          if (stage.name === 'reserve-budget') options.onPlanned(ctx);
          await stage.run?.(ctx);
        }
      } catch (error) {
        exchange.fail(error, ctx);
        ctx.finishedAt = Date.now();
        this.#finish(ctx);
      }
    } finally {
      ctx.admission?.releaseSlot();
    }
    return ctx;
  }

  /**
   * The context of a request whose part 1 ran earlier, possibly in another process: same id, the
   * caller given (a key disabled since still pays for what ran), its guardrails looked up again
   * (for the output filters). The caller sets plan, served attempt and billing from what part 1 kept.
   */
  resumeContext(options: { exchange: InferenceExchange; codec: InferenceCodec; route: string; generationId: string; caller: Caller }): InferenceContext {
    const request = options.codec.parseRequest(options.exchange.body, options.exchange.headers);
    const ctx = createInferenceContext({ ...options, request });
    try {
      void this.#stage('guard-input').run?.(ctx);
    } catch {
      // Part 1 passed the input filters; what matters now is the output filters it set up.
    }
    return ctx;
  }

  /**
   * Part 2: the outcome obtained elsewhere, or the error it ended with, through the serve stages
   * after dispatch (relay → settle → deliver: tokens, price from `ctx.served`, output guardrails,
   * encoding), then every finish, exactly as a live request ends.
   */
  async runFromDispatch(ctx: InferenceContext, result: { outcome: DispatchOutcome } | { error: unknown }): Promise<void> {
    try {
      if ('error' in result) throw result.error;
      ctx.outcome = result.outcome;
      let dispatched = false;
      for (const stage of this.#stages.serve) {
        if (dispatched && (await stage.run?.(ctx)) === ANSWERED) break;
        if (stage.name === 'dispatch') dispatched = true;
      }
    } catch (error) {
      ctx.exchange.fail(error, ctx);
    } finally {
      ctx.finishedAt = Date.now();
      this.#finish(ctx);
    }
  }

  #stage(name: string): InferenceStage {
    const stage = [...this.#stages.admit, ...this.#stages.serve].find((candidate) => candidate.name === name);
    if (!stage) throw new Error(`no ${name} stage in the inference stage list`);
    return stage;
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

  #accept(ctx: InferenceContext): InFlightEntry {
    const entry = this.#inFlight.add(ctx);
    ctx.exchange.onClose((finished) => {
      if (!finished) {
        ctx.cancelled = true;
        ctx.abort.abort();
      }
    });
    ctx.exchange.takeOver();
    return entry;
  }
}
