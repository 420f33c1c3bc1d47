import Fastify from "fastify";
import { chatCompletionsCodec } from "./http/codecs/chat-completions-codec.js";
import { completionsCodec } from "./http/codecs/completions-codec.js";
import { answerClientError } from "./http/answer-client-error.js";
import { handleFrameworkError, registerErrorHandlers } from "./http/register-error-handlers.js";
import { registerJsonBodyParser } from "./http/register-json-body-parser.js";
import { registerAccountRoutes } from "./http/routes/account-routes.js";
import { registerAnthropicMessagesRoutes } from "./http/routes/anthropic-messages-routes.js";
import { registerByokRoutes } from "./http/routes/byok-routes.js";
import { registerKeyManagementRoutes } from "./http/routes/key-management-routes.js";
import { registerActivityRoutes } from "./http/routes/activity-routes.js";
import { registerCreditRoutes } from "./http/routes/credit-routes.js";
import { registerWorkspaceRoutes } from "./http/routes/workspace-routes.js";
import { registerModelRoutes } from "./http/routes/model-routes.js";
import { registerGuardrailRoutes } from "./http/routes/guardrail-routes.js";
import { registerOperationsRoutes } from "./http/routes/operations-routes.js";
import { registerPrivacyRoutes } from "./http/routes/privacy-routes.js";
import { registerAuditRoutes } from "./http/routes/audit-routes.js";
import { AuditTrail } from "./audit/audit-trail.js";
import { registerDashboardSessionRoutes } from "./http/dashboard/dashboard-session-routes.js";
import { registerDashboardOverviewRoutes } from "./http/dashboard/dashboard-overview-routes.js";
import { serveDashboard } from "./http/dashboard/serve-dashboard.js";
import { locateDashboardAssets } from "./http/dashboard/locate-dashboard-assets.js";
import { createInferenceHandler } from "./http/serve-inference.js";
function buildApp(deps) {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimitBytes,
    forceCloseConnections: "idle",
    // A stopping gateway answers new requests itself (503 shutting_down in the envelope).
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    frameworkErrors: handleFrameworkError,
    // One value per query parameter (the last one): `?q=a&q=b` never hands a route an array.
    routerOptions: { querystringParser: (query) => Object.fromEntries(new URLSearchParams(query)) }
  });
  registerJsonBodyParser(app);
  registerErrorHandlers(app, { bodyLimitBytes: deps.bodyLimitBytes, isStopping: deps.isStopping });
  app.post("/api/v1/chat/completions", createInferenceHandler(chatCompletionsCodec, "chat", deps));
  app.post("/api/v1/completions", createInferenceHandler(completionsCodec, "completions", deps));
  registerAnthropicMessagesRoutes(app, deps);
  registerModelRoutes(app, deps.catalog, { health: deps.routing.health, now: deps.routing.now });
  const now = () => deps.billing.now;
  const { ledger } = deps.stores;
  const audit = new AuditTrail(deps.stores.audit);
  registerAccountRoutes(app, { keys: deps.keys, generations: deps.stores.generations, writer: deps.writer, ledger, now, rateLimiter: deps.rateLimiter });
  registerKeyManagementRoutes(app, { keys: deps.keys, keyStore: deps.stores.keys, ledger, directory: deps.directory, now, rateLimits: deps.keyRateLimits, audit });
  registerCreditRoutes(app, { keys: deps.keys, ledger, directory: deps.directory, purchaseFee: deps.billingConfig.purchase_fee, now, audit });
  registerWorkspaceRoutes(app, { keys: deps.keys, ledger, directory: deps.directory, now, audit });
  registerActivityRoutes(app, { keys: deps.keys, ledger, now });
  registerPrivacyRoutes(app, { keys: deps.keys, privacy: deps.privacy, store: deps.privacyStore, catalog: deps.catalog, audit });
  registerGuardrailRoutes(app, { keys: deps.keys, guardrails: deps.guardrails, audit });
  registerByokRoutes(app, { keys: deps.keys, byok: deps.byok, audit });
  registerAuditRoutes(app, { keys: deps.keys, audit });
  registerDashboardSessionRoutes(app, { keys: deps.keys, audit });
  registerDashboardOverviewRoutes(app, { keys: deps.keys, ledger, now });
  serveDashboard(app, locateDashboardAssets());
  registerOperationsRoutes(app, { stores: deps.stores, metrics: deps.metrics, isStopping: deps.isStopping });
  return app;
}
export {
  buildApp
};
//# sourceMappingURL=app.js.map
