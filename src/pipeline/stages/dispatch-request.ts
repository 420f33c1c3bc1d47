import { dispatchWithFailover, type DispatchDeps } from '../dispatch-with-failover.js';
import type { InferenceStage } from '../inference-stage.js';

/**
 * Tries the planned attempts until one answers (see dispatchWithFailover). A stream's keep-alives
 * start here: only waiting on an upstream commits the 200 before there is anything to send.
 */
export function dispatchRequest(deps: DispatchDeps): InferenceStage {
  return {
    name: 'dispatch',
    async run(ctx) {
      ctx.sink?.keepAliveFromNow();
      ctx.outcome = await dispatchWithFailover(ctx, deps);
    },
  };
}
