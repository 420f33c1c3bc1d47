import { authenticateCaller } from "./stages/authenticate-caller.js";
import { checkCapabilities } from "./stages/check-capabilities.js";
import { compressContext } from "./stages/compress-context.js";
import { deliverResponse } from "./stages/deliver-response.js";
import { dispatchRequest } from "./stages/dispatch-request.js";
import { guardInput } from "./stages/guard-input.js";
import { limitRate } from "./stages/limit-rate.js";
import { measurePrompt } from "./stages/measure-prompt.js";
import { lookupResponseCache } from "./stages/lookup-response-cache.js";
import { planRoute } from "./stages/plan-route.js";
import { recordGeneration } from "./stages/record-generation.js";
import { exportTrace } from "./stages/export-trace.js";
import { relayResponse } from "./stages/relay-response.js";
import { reserveBudget } from "./stages/reserve-budget.js";
import { settleGeneration } from "./stages/settle-generation.js";
function buildInferenceStages(deps) {
  return {
    authenticate: authenticateCaller(deps.keys),
    admit: [checkCapabilities({ allowStorageUrls: deps.allowStorageUrls }), measurePrompt(), limitRate(deps.rateLimiter), guardInput(deps.guard)],
    serve: [
      lookupResponseCache(deps),
      planRoute(deps),
      compressContext(),
      reserveBudget(deps.billing),
      dispatchRequest(deps.dispatch),
      relayResponse(deps.guard),
      settleGeneration(deps),
      deliverResponse(deps.guard),
      recordGeneration(deps),
      exportTrace(deps)
    ]
  };
}
export {
  buildInferenceStages
};
//# sourceMappingURL=inference-stages.js.map
