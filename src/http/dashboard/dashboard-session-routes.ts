import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditTrail } from '../../audit/audit-trail.js';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { SESSION_TOKEN_PREFIX } from '../../auth/dashboard-sessions.js';
import { hashApiKey } from '../../auth/mint-api-key.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { auditActor } from '../audit-actor.js';
import { parseWithSchema } from '../codecs/parse-with-schema.js';

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict, whole origin. */
export const SESSION_COOKIE = 'switchyard_session';

const signInSchema = z.strictObject({ key: z.string().min(1).max(500) });
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_BEARER = new RegExp(`^Bearer\\s+(${SESSION_TOKEN_PREFIX}\\S+)\\s*$`, 'i');
/** Requests whose Authorization header was made from the session cookie. */
const viaCookie = new WeakSet<FastifyRequest>();

/**
 * Dashboard sign-in. `POST /api/v1/dashboard/session {key}` checks a management key and answers
 * with an HttpOnly, SameSite=Strict session cookie (the key is not kept by the browser);
 * `GET` says who is signed in; `DELETE` signs out. Any /api/v1 request without an
 * Authorization header but with the cookie is authenticated as the session's key, so the
 * dashboard reuses the management API as it is. CSRF: besides SameSite=Strict, a cookie
 * request that changes something must carry an Origin header equal to the gateway's origin.
 */
export function registerDashboardSessionRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; audit: AuditTrail }): void {
  // No cookie-parsing hook on every request (an API call never carries one): the session cookie is
  // parsed where it is read (readSessionCookie); setting and clearing cookies still works.
  void app.register(fastifyCookie, { hook: false });

  /** The session a request carries, to check against the store; undefined when it carries none. */
  const sessionToCheck = (request: FastifyRequest): string | undefined => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      // A session token sent as a bearer: its session is read from the store like a cookie's.
      const bearer = SESSION_BEARER.exec(authorization)?.[1];
      return bearer === undefined ? undefined : hashApiKey(bearer);
    }
    if (!request.url.startsWith('/api/v1/')) return undefined;
    const token = readSessionCookie(app, request);
    if (token === undefined) return undefined;
    if (UNSAFE.has(request.method)) requireSameOrigin(request);
    request.headers.authorization = `Bearer ${token}`;
    viaCookie.add(request);
    // Sessions live in the database, shared by every node: a sign-out anywhere is seen here now.
    return hashApiKey(token);
  };
  // Callback style: a request without a session (every API call) passes without a promise or a microtask hop.
  app.addHook('onRequest', (request, _reply, done) => {
    let tokenHash: string | undefined;
    try {
      tokenHash = sessionToCheck(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (tokenHash === undefined) done();
    else deps.keys.sessions.check(tokenHash).then(() => done(), done);
  });

  app.post('/api/v1/dashboard/session', async (request, reply) => {
    requireSameOrigin(request, { allowMissing: true });
    const { key } = parseWithSchema(signInSchema, request.body);
    const caller = deps.keys.authenticate(`Bearer ${key}`, 'management').key;
    const session = await deps.keys.sessions.open(caller.hash);
    await deps.audit.record(auditActor(request, caller), {
      action: 'dashboard.sign_in',
      workspaceId: caller.workspaceId,
      targetId: null,
      after: { session_expires_at: new Date(session.expiresAt).toISOString(), user_agent: String(request.headers['user-agent'] ?? '').slice(0, 200) },
    });
    void reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      path: '/',
      maxAge: Math.floor(deps.keys.sessions.ttlMs / 1000),
    });
    reply.code(201);
    return { data: { key_name: caller.name, key_label: caller.label, expires_at: new Date(session.expiresAt).toISOString() } };
  });

  app.get('/api/v1/dashboard/session', async (request, reply) => {
    // The dashboard asks this first: "not signed in" (no cookie, or one from before a restart)
    // is an answer, not an error. A bad Authorization header is still a 401.
    if (request.headers.authorization === undefined) return { data: null };
    let caller;
    try {
      caller = deps.keys.authenticate(request.headers.authorization, 'management').key;
    } catch (error) {
      if (!viaCookie.has(request)) throw error;
      void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
      return { data: null };
    }
    const token = readSessionCookie(app, request);
    const expiresAt = token === undefined ? undefined : deps.keys.sessions.resolve(hashApiKey(token))?.expiresAt;
    return { data: { key_name: caller.name, key_label: caller.label, expires_at: expiresAt === undefined ? null : new Date(expiresAt).toISOString() } };
  });

  app.delete('/api/v1/dashboard/session', async (request, reply) => {
    const caller = deps.keys.authenticate(request.headers.authorization, 'management').key;
    const token = readSessionCookie(app, request);
    if (token !== undefined) await deps.keys.sessions.close(token);
    await deps.audit.record(auditActor(request, caller), { action: 'dashboard.sign_out', workspaceId: caller.workspaceId, targetId: null });
    void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
    return { signed_out: true };
  });
}

function readSessionCookie(app: FastifyInstance, request: FastifyRequest): string | undefined {
  const cookies = request.cookies ?? (request.headers.cookie ? app.parseCookie(request.headers.cookie) : {});
  const token = cookies[SESSION_COOKIE];
  return token ? token : undefined;
}

/** Refuses a request whose Origin is another site's (or absent, unless allowMissing). */
function requireSameOrigin(request: FastifyRequest, options: { allowMissing?: boolean } = {}): void {
  const origin = request.headers.origin;
  if (origin === undefined && options.allowMissing) return;
  const own = `${request.protocol}://${request.headers.host ?? ''}`;
  if (origin !== own) {
    throw new GatewayError('cross_site_request', {
      message: `A dashboard-session request that changes something must come from the dashboard itself (Origin ${own}); API clients send "Authorization: Bearer <key>" instead`,
    });
  }
}
