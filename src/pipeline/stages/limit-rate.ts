import type { RateLimiter } from '../../rate-limits/rate-limiter.js';
import type { InferenceStage } from '../inference-stage.js';

/** Per-key and free-variant limits: one atomic admission; the slot comes back when the connection closes. */
export function limitRate(rateLimiter: RateLimiter): InferenceStage {
  return {
    name: 'rate-limit',
    async run(ctx) {
      const admission = await rateLimiter.admit({ key: ctx.caller.key, request: ctx.request });
      ctx.admission = admission;
      // Whatever happens from here on (402, client gone, crash in a stage), the slot comes back.
      ctx.exchange.onClose(() => admission.releaseSlot());
    },
    finish(ctx) {
      // Corrects the token charge from the estimate to what was counted.
      ctx.admission?.settle(ctx.tokens);
    },
  };
}
