import type { ByokRegistry } from '../../byok/byok-registry.js';
import type { WorkspacePrivacy } from '../../privacy/workspace-privacy.js';
import { mergeRoutingConstraints } from '../../routing/routing-constraints.js';
import { noteGenerationFinished, planRequestRoute, type RoutingServices } from '../plan-request-route.js';
import type { InferenceStage } from '../inference-stage.js';
import { thenOrNow } from '../../core/then-or-now.js';

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
      // Synchronous when planning was (no promise for the runner to await).
      return thenOrNow(planRequestRoute(ctx, routing, ctx.exchange.headers), (plan) => {
        ctx.plan = deps.byok.apply(plan, workspace);
      });
    },
    finish: (ctx) => noteGenerationFinished(ctx, deps.routing),
  };
}
