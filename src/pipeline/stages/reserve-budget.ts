import type { RequestBilling } from '../../billing/request-billing.js';
import type { InferenceStage } from '../inference-stage.js';

/** Holds the worst case against every capped budget (402, or a lowered max_tokens, when it does not fit). */
export function reserveBudget(billing: RequestBilling): InferenceStage {
  return { name: 'reserve-budget', run: (ctx) => billing.reserve(ctx) };
}
