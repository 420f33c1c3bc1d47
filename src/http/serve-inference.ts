import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildInferenceStages, type InferenceDeps } from '../pipeline/inference-stages.js';
import { InferenceRunner } from '../pipeline/run-inference.js';
import type { InboundCodec } from './codecs/inbound-codec.js';
import { FastifyExchange } from './fastify-exchange.js';

export type { InferenceDeps };

/** One runner per set of services: the stage list is built once, at start-up, and shared by every route. */
const runners = new WeakMap<InferenceDeps, InferenceRunner>();

/**
 * The Fastify handler of an inference endpoint: the route brings its codec; the lifecycle is the
 * pipeline's stage list (pipeline/inference-stages.ts), the same for every endpoint.
 */
export function createInferenceHandler(codec: InboundCodec, route: string, deps: InferenceDeps) {
  let runner = runners.get(deps);
  if (!runner) {
    runner = new InferenceRunner(buildInferenceStages(deps), deps.inFlight);
    runners.set(deps, runner);
  }
  const inference = runner;
  return (request: FastifyRequest, reply: FastifyReply): Promise<void> =>
    inference.run({ exchange: new FastifyExchange({ request, reply, codec, keepaliveMs: deps.keepaliveMs }), codec, route });
}
