import { dispatchWithFailover } from "../dispatch-with-failover.js";
function dispatchRequest(deps) {
  return {
    name: "dispatch",
    async run(ctx) {
      ctx.outcome = await dispatchWithFailover(ctx, deps);
    }
  };
}
export {
  dispatchRequest
};
//# sourceMappingURL=dispatch-request.js.map
