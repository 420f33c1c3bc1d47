import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { KeyRegistry } from './auth/key-registry.js';
import { chatCompletionsCodec } from './http/codecs/chat-completions-codec.js';
import { LogRequestOnce } from './http/log-request-once.js';
import { createLazyRequestLogger } from './http/lazy-request-logger.js';
import { responsesCodec } from './http/codecs/responses/responses-codec.js';
import { completionsCodec } from './http/codecs/completions-codec.js';
import { embeddingsCodec } from './http/codecs/embeddings/embeddings-codec.js';
import { answerClientError } from './http/answer-client-error.js';
import { handleFrameworkError, registerErrorHandlers } from './http/register-error-handlers.js';
import { registerJsonBodyParser } from './http/register-json-body-parser.js';
import { registerAccountRoutes } from './http/routes/account-routes.js';
import { registerAnthropicMessagesRoutes } from './http/routes/anthropic-messages-routes.js';
import { registerByokRoutes } from './http/routes/byok-routes.js';
import { registerAlertRoutes } from './http/routes/alert-routes.js';
import { registerKeyManagementRoutes } from './http/routes/key-management-routes.js';
import { registerActivityRoutes } from './http/routes/activity-routes.js';
import { registerCreditRoutes } from './http/routes/credit-routes.js';
import { registerWorkspaceRoutes } from './http/routes/workspace-routes.js';
import type { WorkspaceDirectory } from './billing/workspace-directory.js';
import type { SwitchyardConfig } from './config/config-schema.js';
import { registerModelRoutes } from './http/routes/model-routes.js';
import { registerGuardrailRoutes } from './http/routes/guardrail-routes.js';
import type { GuardrailRegistry } from './guardrails/guardrail-registry.js';
import { registerOperationsRoutes } from './http/routes/operations-routes.js';
import { registerPrivacyRoutes } from './http/routes/privacy-routes.js';
import { registerAuditRoutes } from './http/routes/audit-routes.js';
import { AuditTrail } from './audit/audit-trail.js';
import { registerDashboardSessionRoutes } from './http/dashboard/dashboard-session-routes.js';
import { registerLearnKeysFromOtherNodes } from './http/learn-keys-from-other-nodes.js';
import { registerDashboardOverviewRoutes } from './http/dashboard/dashboard-overview-routes.js';
import { serveDashboard } from './http/dashboard/serve-dashboard.js';
import { registerDashboardGenerationRoutes } from './http/dashboard/dashboard-generation-routes.js';
import { registerDashboardEndpointRoutes } from './http/dashboard/dashboard-endpoint-routes.js';
import { registerDashboardProviderRoutes } from './http/dashboard/dashboard-provider-routes.js';
import { registerDashboardHoldsRoutes } from './http/dashboard/dashboard-holds-routes.js';
import { registerDashboardRateLimitRoutes } from './http/dashboard/dashboard-rate-limit-routes.js';
import { locateDashboardAssets } from './http/dashboard/locate-dashboard-assets.js';
import { createInferenceHandler, type InferenceDeps } from './http/serve-inference.js';
import type { StoreSet } from './stores/store-set.js';
import type { KeyRateLimitRegistry } from './rate-limits/key-rate-limit-registry.js';
import type { BatchService } from './batch/batch-service.js';
import { registerBatchRoutes } from './http/routes/batch-routes.js';

export interface AppDeps extends InferenceDeps {
  logger: Logger;
  stores: StoreSet;
  keys: KeyRegistry;
  keyRateLimits: KeyRateLimitRegistry;
  guardrails: GuardrailRegistry;
  bodyLimitBytes: number;
  directory: WorkspaceDirectory;
  billingConfig: SwitchyardConfig['billing'];
  isStopping: () => boolean;
  /** The Files and Batches API. */
  batches: BatchService;
  batchMaxFileBytes: number;
}

/** Wires routes to their dependencies. Pure wiring: no I/O happens here. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new LogRequestOnce(),
    // request.log is made when something logs through it (see LazyRequestLogger).
    childLoggerFactory: createLazyRequestLogger,
    bodyLimit: deps.bodyLimitBytes,
    forceCloseConnections: 'idle',
    // A stopping gateway answers new requests itself (503 shutting_down in the envelope).
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    frameworkErrors: handleFrameworkError,
    // One value per query parameter (the last one): `?q=a&q=b` never hands a route an array.
    // The router calls this for every request, most of which (every POST to the API) have no query.
    routerOptions: { querystringParser: (query) => (query.length === 0 ? {} : Object.fromEntries(new URLSearchParams(query))) },
  });
  registerJsonBodyParser(app);
  registerErrorHandlers(app, { bodyLimitBytes: deps.bodyLimitBytes, isStopping: deps.isStopping });
  if (deps.keys.sharedStore) registerLearnKeysFromOtherNodes(app, deps.keys);
  app.post('/api/v1/chat/completions', createInferenceHandler(chatCompletionsCodec, 'chat', deps));
  app.post('/api/v1/completions', createInferenceHandler(completionsCodec, 'completions', deps));
  app.post('/api/v1/responses', createInferenceHandler(responsesCodec, 'responses', deps));
  app.post('/api/v1/embeddings', createInferenceHandler(embeddingsCodec, 'embeddings', deps));
  registerAnthropicMessagesRoutes(app, deps);
  registerBatchRoutes(app, { keys: deps.keys, batches: deps.batches, maxFileBytes: deps.batchMaxFileBytes });
  registerModelRoutes(app, deps.catalog, { health: deps.routing.health, now: deps.routing.now });
  const now = () => deps.billing.now;
  const { ledger } = deps.stores;
  const audit = new AuditTrail(deps.stores.audit);
  registerAccountRoutes(app, { keys: deps.keys, generations: deps.stores.generations, writer: deps.writer, ledger, now, rateLimiter: deps.rateLimiter });
  registerKeyManagementRoutes(app, { keys: deps.keys, keyStore: deps.stores.keys, ledger, directory: deps.directory, now, rateLimits: deps.keyRateLimits, audit });
  registerCreditRoutes(app, { keys: deps.keys, ledger, directory: deps.directory, purchaseFee: deps.billingConfig.purchase_fee, now, audit });
  registerWorkspaceRoutes(app, { keys: deps.keys, ledger, directory: deps.directory, now, audit });
  registerActivityRoutes(app, { keys: deps.keys, ledger, batches: deps.stores.batches, now });
  registerPrivacyRoutes(app, { keys: deps.keys, privacy: deps.privacy, store: deps.privacyStore, catalog: deps.catalog, audit, directory: deps.directory });
  registerGuardrailRoutes(app, { keys: deps.keys, guardrails: deps.guardrails, audit });
  registerByokRoutes(app, { keys: deps.keys, byok: deps.byok, audit, directory: deps.directory });
  registerAuditRoutes(app, { keys: deps.keys, audit });
  registerDashboardSessionRoutes(app, { keys: deps.keys, audit });
  registerDashboardOverviewRoutes(app, { keys: deps.keys, ledger, now });
  registerDashboardGenerationRoutes(app, { keys: deps.keys, generations: deps.stores.generations, writer: deps.writer });
  registerDashboardEndpointRoutes(app, { keys: deps.keys, health: deps.routing.health, catalog: deps.catalog, now: deps.routing.now });
  registerDashboardProviderRoutes(app, { keys: deps.keys, providers: deps.catalog.providers });
  registerDashboardHoldsRoutes(app, { keys: deps.keys, keyStore: deps.stores.keys, ledger, now });
  registerDashboardRateLimitRoutes(app, { keys: deps.keys, keyStore: deps.stores.keys, rateLimiter: deps.rateLimiter, now: Date.now });
  serveDashboard(app, locateDashboardAssets());
  if (deps.alerts) {
    registerAlertRoutes(app, { keys: deps.keys, store: deps.stores.alerts, monitor: deps.alerts, secretFor: (id) => deps.byok.deriveSecret('alert webhook', id), audit });
  }
  registerOperationsRoutes(app, { stores: deps.stores, metrics: deps.metrics, isStopping: deps.isStopping, providers: deps.catalog.providers });
  return app;
}
