import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../auth/key-registry.js';

/**
 * On a key store other nodes share, a request whose bearer key this node does not know waits for
 * one read of that key from the store before any route authenticates it (KeyRegistry.learnUnknownKey):
 * every route's authentication stays a synchronous lookup in memory.
 */
export function registerLearnKeysFromOtherNodes(app: FastifyInstance, keys: KeyRegistry): void {
  // Callback style: a request with a known key (nearly all) passes without a promise or a microtask hop.
  app.addHook('onRequest', (request, _reply, done) => {
    const authorization = request.headers.authorization;
    const learning = keys.learnUnknownKey(Array.isArray(authorization) ? authorization[0] : authorization);
    if (learning === undefined) done();
    else learning.then(() => done(), done);
  });
}
