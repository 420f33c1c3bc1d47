import { dispatchWithFailover, type DispatchDeps } from '../dispatch-with-failover.js';
import type { InferenceStage } from '../inference-stage.js';

/** Tries the planned attempts until one answers (see dispatchWithFailover). */
export function dispatchRequest(deps: DispatchDeps): InferenceStage {
  return {
    name: 'dispatch',
    async run(ctx) {
      ctx.outcome = await dispatchWithFailover(ctx, deps);
    },
  };
}
