import type { AlertMonitor } from '../../alerts/alert-monitor.js';
import type { InferenceContext } from '../inference-context.js';
import type { InferenceStage } from '../inference-stage.js';

/** Counts the finished request into the alert monitor's traffic window (spend spikes, error rates). */
export function observeTraffic(deps: { alerts?: AlertMonitor | undefined }): InferenceStage {
  const { alerts } = deps;
  if (!alerts) return { name: 'observe-traffic' };
  return {
    name: 'observe-traffic',
    finish: (ctx: InferenceContext) =>
      alerts.observe({ workspaceId: ctx.caller.key.workspaceId, status: ctx.status, costPico: ctx.cost?.total ?? 0n, at: ctx.finishedAt ?? Date.now() }),
  };
}
