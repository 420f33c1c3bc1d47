import type { GuardInference } from '../../guardrails/guard-inference.js';
import type { InferenceStage } from '../inference-stage.js';

/** The key's guardrails: routing limits, budgets, and input filters (block, redact, flag). */
export function guardInput(guard: GuardInference): InferenceStage {
  return { name: 'guard-input', run: (ctx) => guard.guardInput(ctx) };
}
