import fastifyCookie from "@fastify/cookie";
import { z } from "zod";
import { hashApiKey } from "../../auth/mint-api-key.js";
import { GatewayError } from "../../core/errors/gateway-error.js";
import { auditActor } from "../audit-actor.js";
import { parseWithSchema } from "../codecs/parse-with-schema.js";
const SESSION_COOKIE = "switchyard_session";
const signInSchema = z.strictObject({ key: z.string().min(1).max(500) });
const UNSAFE = /* @__PURE__ */ new Set(["POST", "PUT", "PATCH", "DELETE"]);
const viaCookie = /* @__PURE__ */ new WeakSet();
function registerDashboardSessionRoutes(app, deps) {
  void app.register(fastifyCookie);
  app.addHook("onRequest", async (request) => {
    if (request.headers.authorization !== void 0 || !request.url.startsWith("/api/v1/")) return;
    const token = readSessionCookie(app, request);
    if (token === void 0) return;
    if (UNSAFE.has(request.method)) requireSameOrigin(request);
    request.headers.authorization = `Bearer ${token}`;
    viaCookie.add(request);
  });
  app.post("/api/v1/dashboard/session", async (request, reply) => {
    requireSameOrigin(request, { allowMissing: true });
    const { key } = parseWithSchema(signInSchema, request.body);
    const caller = deps.keys.authenticate(`Bearer ${key}`, "management").key;
    const session = deps.keys.sessions.open(caller.hash);
    await deps.audit.record(auditActor(request, caller), {
      action: "dashboard.sign_in",
      workspaceId: caller.workspaceId,
      targetId: null,
      after: { session_expires_at: new Date(session.expiresAt).toISOString(), user_agent: String(request.headers["user-agent"] ?? "").slice(0, 200) }
    });
    void reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "strict",
      secure: request.protocol === "https",
      path: "/",
      maxAge: Math.floor(deps.keys.sessions.ttlMs / 1e3)
    });
    reply.code(201);
    return { data: { key_name: caller.name, key_label: caller.label, expires_at: new Date(session.expiresAt).toISOString() } };
  });
  app.get("/api/v1/dashboard/session", async (request, reply) => {
    if (request.headers.authorization === void 0) return { data: null };
    let caller;
    try {
      caller = deps.keys.authenticate(request.headers.authorization, "management").key;
    } catch (error) {
      if (!viaCookie.has(request)) throw error;
      void reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "strict" });
      return { data: null };
    }
    const token = readSessionCookie(app, request);
    const expiresAt = token === void 0 ? void 0 : deps.keys.sessions.resolve(hashApiKey(token))?.expiresAt;
    return { data: { key_name: caller.name, key_label: caller.label, expires_at: expiresAt === void 0 ? null : new Date(expiresAt).toISOString() } };
  });
  app.delete("/api/v1/dashboard/session", async (request, reply) => {
    const caller = deps.keys.authenticate(request.headers.authorization, "management").key;
    const token = readSessionCookie(app, request);
    if (token !== void 0) deps.keys.sessions.close(token);
    await deps.audit.record(auditActor(request, caller), { action: "dashboard.sign_out", workspaceId: caller.workspaceId, targetId: null });
    void reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "strict" });
    return { signed_out: true };
  });
}
function readSessionCookie(app, request) {
  const cookies = request.cookies ?? (request.headers.cookie ? app.parseCookie(request.headers.cookie) : {});
  const token = cookies[SESSION_COOKIE];
  return token ? token : void 0;
}
function requireSameOrigin(request, options = {}) {
  const origin = request.headers.origin;
  if (origin === void 0 && options.allowMissing) return;
  const own = `${request.protocol}://${request.headers.host ?? ""}`;
  if (origin !== own) {
    throw new GatewayError("cross_site_request", {
      message: `A dashboard-session request that changes something must come from the dashboard itself (Origin ${own}); API clients send "Authorization: Bearer <key>" instead`
    });
  }
}
export {
  SESSION_COOKIE,
  registerDashboardSessionRoutes
};
//# sourceMappingURL=dashboard-session-routes.js.map
