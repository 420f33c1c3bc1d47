import { buildInferenceStages, type InferenceDeps } from './inference-stages.js';
import { InferenceRunner } from './run-inference.js';

/** One runner per set of services: the stage list is built once, at start-up, and shared by every route and the Batch API. */
const runners = new WeakMap<InferenceDeps, InferenceRunner>();

/** The runner of THE stage list for these services (built on first use). */
export function sharedInferenceRunner(deps: InferenceDeps): InferenceRunner {
  let runner = runners.get(deps);
  if (!runner) {
    runner = new InferenceRunner(buildInferenceStages(deps), deps.inFlight);
    runners.set(deps, runner);
  }
  return runner;
}
