import type { InferenceContext } from './inference-context.js';

/** Returned by a stage's `run` when the response is complete and later stages must not run (a cache hit). */
export const ANSWERED = 'answered';

/**
 * One step of the inference lifecycle, built once at start-up (stages/*.ts are factories over the
 * services they use). `run` runs in list order; `finish` runs when the request is over, in list order,
 * for every stage of a request that was accepted — whether `run` happened, failed or was skipped —
 * so a finish must be idempotent and tolerate a run that never happened.
 */
export interface InferenceStage {
  readonly name: string;
  run?(ctx: InferenceContext): Promise<typeof ANSWERED | void> | typeof ANSWERED | void;
  finish?(ctx: InferenceContext): void;
}
