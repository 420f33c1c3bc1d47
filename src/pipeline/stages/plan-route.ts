import type { ByokRegistry } from '../../byok/byok-registry.js';
import type { WorkspacePrivacy } from '../../privacy/workspace-privacy.js';
import { mergeRoutingConstraints } from '../../routing/routing-constraints.js';
import { noteGenerationFinished, planRequestRoute, type RoutingServices } from '../plan-request-route.js';
import type { InferenceStage } from '../inference-stage.js';
import type { RouteAttempt } from '../../routing/plan-route.js';

/**
 * The workspace's privacy limits join the request's and the guardrails', then the attempts are
 * planned (constraints first, so privacy holds for BYOK endpoints too) and the workspace's own
 * keys applied. When the request ends, the served endpoint's throughput and sticky route are noted.
 */
export function planRoute(deps: { routing: RoutingServices; byok: ByokRegistry; privacy: WorkspacePrivacy }): InferenceStage {
  return {
    name: 'plan-route',
    run(ctx) {
      const workspace = ctx.caller.key.workspaceId;
      ctx.constraints = mergeRoutingConstraints(ctx.constraints, deps.privacy.constraintsFor(workspace));
      const catalog = deps.byok.catalogFor(workspace);
      const routing = catalog === deps.routing.catalog ? deps.routing : { ...deps.routing, catalog };
      const applyPlan = (plan: RouteAttempt[]): void => {
        ctx.plan = deps.byok.apply(plan, workspace);
      };
      // Synchronous when planning was (no promise for the runner to await).
      const planned = planRequestRoute(ctx, routing, ctx.exchange.headers);
      return planned instanceof Promise ? planned.then(applyPlan) : applyPlan(planned);
    },
    finish: (ctx) => noteGenerationFinished(ctx, deps.routing),
  };
}
