import { thenOrNow } from '../../core/then-or-now.js';
import type { RateLimitAdmission, RateLimiter } from '../../rate-limits/rate-limiter.js';
import type { InferenceContext } from '../inference-context.js';
import type { InferenceStage } from '../inference-stage.js';

/** Per-key and free-variant limits: one atomic admission; the slot comes back when the connection closes. */
export function limitRate(rateLimiter: RateLimiter): InferenceStage {
  return {
    name: 'rate-limit',
    run(ctx) {
      // Nothing to check answers at once: no promise, no microtask hop.
      return thenOrNow(rateLimiter.admit({ key: ctx.caller.key, request: ctx.request }), (admission) => hold(ctx, admission));
    },
    finish(ctx) {
      // Corrects the token charge from the estimate to what was counted.
      ctx.admission?.settle(ctx.tokens);
    },
  };
}

function hold(ctx: InferenceContext, admission: RateLimitAdmission): void {
  ctx.admission = admission;
  // Whatever happens from here on (402, client gone, crash in a stage), the slot comes back.
  ctx.exchange.onClose(() => admission.releaseSlot());
}
