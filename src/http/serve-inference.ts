import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InferenceDeps } from '../pipeline/inference-stages.js';
import { sharedInferenceRunner } from '../pipeline/shared-inference-runner.js';
import type { InboundCodec } from './codecs/inbound-codec.js';
import { FastifyExchange } from './fastify-exchange.js';

export type { InferenceDeps };

/**
 * The Fastify handler of an inference endpoint: the route brings its codec; the lifecycle is the
 * pipeline's stage list (pipeline/inference-stages.ts), the same for every endpoint.
 */
export function createInferenceHandler(codec: InboundCodec, route: string, deps: InferenceDeps) {
  const inference = sharedInferenceRunner(deps);
  return (request: FastifyRequest, reply: FastifyReply): Promise<void> =>
    inference.run({ exchange: new FastifyExchange({ request, reply, codec, keepaliveMs: deps.keepaliveMs }), codec, route });
}
