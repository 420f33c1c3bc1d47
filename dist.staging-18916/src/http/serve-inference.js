import { buildInferenceStages } from "../pipeline/inference-stages.js";
import { InferenceRunner } from "../pipeline/run-inference.js";
import { FastifyExchange } from "./fastify-exchange.js";
const runners = /* @__PURE__ */ new WeakMap();
function createInferenceHandler(codec, route, deps) {
  let runner = runners.get(deps);
  if (!runner) {
    runner = new InferenceRunner(buildInferenceStages(deps), deps.inFlight);
    runners.set(deps, runner);
  }
  const inference = runner;
  return (request, reply) => inference.run({ exchange: new FastifyExchange({ request, reply, codec, keepaliveMs: deps.keepaliveMs }), codec, route });
}
export {
  createInferenceHandler
};
//# sourceMappingURL=serve-inference.js.map
