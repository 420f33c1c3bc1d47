import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../audit/audit-trail.js';
import type { ApiKeyRecord } from '../stores/key-store.js';

/** The audit trail's "who and from where" of a request made with `key`. */
export function auditActor(request: FastifyRequest, key: ApiKeyRecord): AuditActor {
  return { keyHash: key.hash, keyName: key.name, ip: request.ip || null };
}
