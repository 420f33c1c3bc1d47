import { mergeRoutingConstraints } from "../../routing/routing-constraints.js";
import { noteGenerationFinished, planRequestRoute } from "../plan-request-route.js";
function planRoute(deps) {
  return {
    name: "plan-route",
    async run(ctx) {
      const workspace = ctx.caller.key.workspaceId;
      ctx.constraints = mergeRoutingConstraints(ctx.constraints, deps.privacy.constraintsFor(workspace));
      const catalog = deps.byok.catalogFor(workspace);
      const routing = catalog === deps.routing.catalog ? deps.routing : { ...deps.routing, catalog };
      ctx.plan = deps.byok.apply(await planRequestRoute(ctx, routing, ctx.exchange.headers), workspace);
    },
    finish: (ctx) => noteGenerationFinished(ctx, deps.routing)
  };
}
export {
  planRoute
};
//# sourceMappingURL=plan-route.js.map
