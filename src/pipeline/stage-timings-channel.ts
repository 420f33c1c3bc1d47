import { channel } from 'node:diagnostics_channel';

/** The diagnostics channel that reports how long each stage of a live inference request ran. */
export const STAGE_TIMINGS_CHANNEL = 'switchyard:inference:stage';

/** One stage of one request, as published on STAGE_TIMINGS_CHANNEL. */
export interface StageTiming {
  generationId: string;
  stage: string;
  /** `performance.now()` when the stage started and when its run (awaited) ended. */
  startedAt: number;
  endedAt: number;
}

/**
 * Where a latency profile gets its stage boundaries (bench/profile-request-latency.ts): a
 * `node:diagnostics_channel` channel, published to only while something subscribes, so a gateway
 * nobody profiles pays one `hasSubscribers` read per request. Subscribe from a preload
 * (`node --import`) with `diagnostics_channel.subscribe(STAGE_TIMINGS_CHANNEL, …)`.
 */
export const stageTimings = channel(STAGE_TIMINGS_CHANNEL);

export function publishStageTiming(generationId: string, stage: string, startedAt: number): void {
  const timing: StageTiming = { generationId, stage, startedAt, endedAt: performance.now() };
  stageTimings.publish(timing);
}
