import { randomBytes } from "node:crypto";
import { ZERO_TOKENS } from "../core/canonical/usage.js";
import { constraintsFromRequest } from "../routing/routing-constraints.js";
import { newBillingState } from "../billing/request-billing.js";
function createInferenceContext(options) {
  const generationId = newGenerationId();
  return {
    generationId,
    startedAt: Date.now(),
    caller: options.caller,
    apiType: options.codec.apiType,
    route: options.route,
    codec: options.codec,
    exchange: options.exchange,
    request: options.request,
    stream: options.request.stream === true,
    abort: new AbortController(),
    constraints: constraintsFromRequest(options.request.provider),
    budgets: [],
    guardrails: void 0,
    plan: [],
    routing: { explain: false, report: void 0, conversation: void 0, auto: void 0 },
    attempts: [],
    served: void 0,
    upstreamId: null,
    firstByteAt: void 0,
    finishedAt: void 0,
    tokens: { ...ZERO_TOKENS },
    cost: void 0,
    byokFee: null,
    finishReason: null,
    nativeFinishReason: null,
    status: 200,
    cancelled: false,
    billing: newBillingState(),
    byokCostPico: 0n,
    cacheHit: void 0,
    responseHeaders: { "x-generation-id": generationId },
    admission: void 0,
    cache: void 0,
    recorder: void 0,
    sink: void 0,
    output: void 0,
    outcome: void 0,
    encoder: void 0,
    usage: void 0
  };
}
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const POOL_SIZE = 20 * 256;
let pool = randomBytes(POOL_SIZE);
let offset = 0;
function newGenerationId() {
  if (offset + 20 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  let suffix = "";
  for (let i = offset; i < offset + 20; i += 1) suffix += ALPHABET[pool[i] % ALPHABET.length];
  offset += 20;
  return `gen-${Math.floor(Date.now() / 1e3)}-${suffix}`;
}
export {
  createInferenceContext,
  newGenerationId
};
//# sourceMappingURL=inference-context.js.map
