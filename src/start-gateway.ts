import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp, type AppDeps } from './app.js';
import { RequestBilling } from './billing/request-billing.js';
import { WorkspaceDirectory } from './billing/workspace-directory.js';
import { KeyRegistry } from './auth/key-registry.js';
import { GuardInference } from './guardrails/guard-inference.js';
import { GuardrailRegistry } from './guardrails/guardrail-registry.js';
import { loadManagementKey, type ManagementKey } from './auth/load-management-key.js';
import type { SwitchyardConfig } from './config/config-schema.js';
import { resolveSecret } from './config/resolve-secret.js';
import { SecretFileWatcher } from './config/secret-file-watcher.js';
import { registerSecret } from './core/secret-registry.js';
import { InFlightRequests } from './pipeline/in-flight-requests.js';
import { anthropicMessagesAdapter } from './protocols/anthropic-messages/anthropic-messages-adapter.js';
import { azureOpenAIAdapter } from './protocols/azure-openai/azure-openai-adapter.js';
import { bedrockConverseAdapter } from './protocols/bedrock-converse/bedrock-converse-adapter.js';
import { geminiAdapter } from './protocols/gemini/gemini-adapter.js';
import { createVertexAdapter } from './protocols/vertex/vertex-adapter.js';
import { openAIChatAdapter } from './protocols/openai-chat/openai-chat-adapter.js';
import { openAIImageAdapter } from './protocols/openai-chat/openai-image-adapter.js';
import type { WireAdapter } from './protocols/wire-adapter.js';
import { BUILTIN_PROVIDER_PRESETS } from './config/builtin-provider-presets.js';
import { discoverLocalModels } from './routing/catalog/discover-local-models.js';
import type { Provider, WireProtocolName } from './core/provider-types.js';
import { providerFromPreset, resolveProviders } from './providers/resolve-providers.js';
import { registerProviderSecrets } from './providers/register-provider-secrets.js';
import { followProviderSecretFiles } from './providers/follow-provider-secret-files.js';
import type { CatalogModel } from './routing/catalog/catalog-types.js';
import { loadBuiltinCatalog } from './routing/catalog/load-builtin-catalog.js';
import type { ResolvedCatalog } from './routing/catalog/resolved-catalog.js';
import { resolveCatalog } from './routing/catalog/resolve-catalog.js';
import { BatchGenerationWriter } from './stores/batch-generation-writer.js';
import { openStores } from './stores/open-stores.js';
import type { Ledger } from './stores/ledger.js';
import { openByok } from './byok/open-byok.js';
import { ByokFeeMeter } from './billing/byok-fee-meter.js';
import { createLogger } from './telemetry/create-logger.js';
import { AlertMonitor } from './alerts/alert-monitor.js';
import type { RequestTracer } from './telemetry/request-trace.js';
import { GenerationBatchExporter } from './telemetry/export-generation-batches.js';
import { GATEWAY_VERSION } from './core/gateway-version.js';
import { ensurePrivateDir, type OnTightened } from './core/private-files.js';
import { GatewayMetrics } from './telemetry/gateway-metrics.js';
import { KeyRateLimitRegistry } from './rate-limits/key-rate-limit-registry.js';
import { RateLimiter } from './rate-limits/rate-limiter.js';
import { openHotState } from './open-hot-state.js';
import { followStoreChanges } from './follow-store-changes.js';
import { UpstreamClient } from './upstream/upstream-client.js';
import { ResponseCache } from './cache/response-cache.js';
import { WorkspacePrivacy } from './privacy/workspace-privacy.js';
import { MemoryEndpointHealth } from './routing/health/memory-endpoint-health.js';
import { DEFAULT_AUTO_TIERS } from './routing/auto/choose-auto-model.js';
import { registerEndpointHealthMetrics } from './telemetry/register-endpoint-health-metrics.js';
import type { RoutingServices } from './pipeline/plan-request-route.js';
import { join } from 'node:path';
import { BatchFileStorage } from './batch/batch-file-storage.js';
import { BatchRunner } from './batch/batch-runner.js';
import { nativeBatchClientFor } from './batch/native/native-batch-client-for.js';
import { BatchService } from './batch/batch-service.js';
import { SlotPool } from './batch/slot-pool.js';
import { chatCompletionsCodec } from './http/codecs/chat-completions-codec.js';
import { embeddingsCodec } from './http/codecs/embeddings/embeddings-codec.js';
import { toErrorReply } from './http/to-error-reply.js';
import { sharedInferenceRunner } from './pipeline/shared-inference-runner.js';

export interface RunningGateway {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  managementKey: ManagementKey;
  catalog: ResolvedCatalog;
  /** Endpoint health, stickiness, clock: exposed for tests and the management surface. */
  routing: RoutingServices;
  /** The billing ledger (tests read its in-flight holds, which on SQLite live in this process). */
  ledger: Ledger;
  logger: Logger;
  /** Graceful stop: refuse new requests, let streams finish up to the grace period, flush records. */
  stop(): Promise<void>;
}

/** Opens the stores, builds the catalog, wires the app and listens. */
export async function startGateway(options: {
  config: SwitchyardConfig;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Clock for budget windows (UTC day / Monday week / month); tests inject one. */
  now?: () => Date;
  /** Routing's clock (health windows, stickiness) and random source; Date.now and Math.random otherwise. */
  routingNow?: () => number;
  random?: () => number;
}): Promise<RunningGateway> {
  const { config } = options;
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger();
  const onTightened: OnTightened = (t) => logger.warn({ path: t.path, from: t.from, to: t.to }, 'a private file or directory was open to other users; tightened its mode');
  // The data directory holds the database and the generated key files: private to this OS user
  // (a missing one is created 0700 by whichever of them writes first).
  if (existsSync(config.data_dir)) ensurePrivateDir(config.data_dir, onTightened);
  // Before anything is opened: an unreadable secret file is a config error with nothing to clean up.
  const providers = resolveProviders(config, env);
  const exportSecret = resolveExportSecret(config, env);
  const opened = await openStores(config.database, {
    onTightened,
    claimSqliteFile: true,
    poolSize: config.database_pool_size,
    holdLeaseMs: config.ledger_hold_lease_ms,
    onPoolError: (error) => logger.warn({ err: error }, 'database connection lost; reconnecting on next use'),
  });
  const hot = await openHotState({ config, logger }).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const stores = hot.announce(opened);
  const managementKey = loadManagementKey({ configured: resolveSecret(config.admin_key, env), dataDir: config.data_dir, onTightened });
  // On PostgreSQL other nodes write the same keys: one unknown here may be new there (learnUnknownKey).
  const keys = await KeyRegistry.load(stores.keys, [managementKey.record], { sessions: stores.dashboardSessions, sharedStore: /^postgres(ql)?:/.test(config.database) });
  // Reservations held by a process that died (kill -9, crash) are freed before serving.
  const orphans = await stores.ledger.releaseAll();
  if (orphans.count > 0) logger.warn({ count: orphans.count }, 'released budget reservations left by a previous process');
  const directory = await WorkspaceDirectory.load(stores.workspaces, stores.ledger);
  const billing = new RequestBilling({ ledger: stores.ledger, directory, now: options.now, log: logger });
  const guardrails = await GuardrailRegistry.load(stores.guardrails);
  registerProviderSecrets(providers.values());
  const secretFiles = new SecretFileWatcher({
    onRotated: (path) => logger.info({ path }, 'secret file changed; its new value is in use'),
    onError: (path, reason) => logger.warn({ path, reason }, 'secret file could not be re-read; keeping its last good value'),
  });
  followProviderSecretFiles(config, providers, secretFiles);
  const discovered = await discoverLocal(providers, config, logger);
  const builtin = loadBuiltinCatalog();
  const catalog = resolveCatalog({ builtin, discovered, config, providers });
  const byok = await openByok({ config, env, store: stores.byokKeys, providers, catalog, builtin, discovered, logger }).catch(async (error: unknown) => {
    await hot.close();
    await stores.close();
    throw error;
  });
  const privacy = await WorkspacePrivacy.load(stores.privacy, config.privacy);
  const purgeContent = () =>
    stores.privacy.purgeExpiredContent(Date.now()).catch((error: unknown) => logger.error({ err: error }, 'purging expired logged content failed'));
  await purgeContent();
  const purgeTimer = setInterval(purgeContent, 10 * 60_000);
  purgeTimer.unref();
  const metrics = new GatewayMetrics({
    collectProcessMetrics: true,
    maxProviders: config.telemetry.metrics_max_providers,
    maxModels: config.telemetry.metrics_max_models,
  });
  const tracer = await openTracer(config, env, logger);
  const generationExporter = openGenerationExporter(config, exportSecret, { logger, metrics });
  const writer = new BatchGenerationWriter({
    store: stores.generations,
    onError: (error) => logger.error({ err: error }, 'writing generation records failed; will retry'),
  });
  const client = new UpstreamClient();
  // OpenRouter-style upstreams take `modalities` in chat; OpenAI itself serves images on /responses.
  const openAIWithImages: WireAdapter = { ...openAIChatAdapter, imageOutputFor: (provider) => (provider.id === 'openrouter' ? undefined : openAIImageAdapter) };
  const adapters = new Map<WireProtocolName, WireAdapter>([['openai', openAIWithImages]]);
  adapters.set('gemini', geminiAdapter);
  adapters.set('bedrock', bedrockConverseAdapter);
  adapters.set('vertex', createVertexAdapter());
  adapters.set('anthropic', anthropicMessagesAdapter);
  adapters.set('azure-openai', azureOpenAIAdapter);
  const inFlight = new InFlightRequests();
  const keyRateLimits = await KeyRateLimitRegistry.load(stores.keyRateLimits);
  followStoreChanges(hot.changes, { keys, keyRateLimits, guardrails, privacy, directory, ledger: stores.ledger }, logger);
  const rateLimiter = new RateLimiter({
    store: hot.rateLimits,
    overrides: keyRateLimits,
    config: config.rate_limits,
    credits: directory,
    // A safety net only (every path releases its slot): longer than any request can run.
    leaseTtlMs: Math.max(...[...providers.values()].map((provider) => provider.timeouts.totalMs), 600_000) * config.max_attempts,
  });
  const { routing: routingConfig } = config;
  const breaker = routingConfig.circuit_breaker;
  const health = await hot.shareHealth(new MemoryEndpointHealth({
    outageWindowMs: routingConfig.outage_window_ms,
    // A disabled breaker is one that never trips.
    consecutiveFailures: breaker.enabled ? breaker.consecutive_failures : Number.MAX_SAFE_INTEGER,
    failureRatio: breaker.failure_ratio,
    ratioMinAttempts: breaker.enabled ? breaker.min_attempts : Number.MAX_SAFE_INTEGER,
    cooldownMs: breaker.cooldown_ms,
  }));
  const routingNow = options.routingNow ?? Date.now;
  registerEndpointHealthMetrics(metrics.registry, { health, now: routingNow, caps: metrics });
  const routing: RoutingServices = { catalog, health, sticky: hot.sticky,
    autoTiers: routingConfig.auto_router?.tiers ?? DEFAULT_AUTO_TIERS,
    now: routingNow, random: options.random ?? Math.random };
  const alerts = new AlertMonitor({
    store: stores.alerts,
    keys: stores.keys,
    ledger: stores.ledger,
    health,
    secretFor: (ruleId) => byok.deriveSecret('alert webhook', ruleId),
    intervalMs: config.alerts.evaluate_interval_ms,
    webhookTimeoutMs: config.alerts.webhook_timeout_ms,
    retryDelaysMs: config.alerts.retry_delays_ms,
    log: logger,
  });
  alerts.start();
  let stopping = false;
  const batchConfig = config.batch;
  const filesDir = batchConfig.files_dir ?? join(config.data_dir, 'files');
  // Batch files are as private as the database: the directory 0700, each file 0600.
  ensurePrivateDir(filesDir, onTightened);
  const batchStorage = new BatchFileStorage(filesDir);
  const batchCodecs = { '/v1/chat/completions': chatCompletionsCodec, '/v1/embeddings': embeddingsCodec } as const;
  let batchRunner: BatchRunner | undefined;
  const batches = new BatchService({
    store: stores.batches,
    files: stores.files,
    storage: batchStorage,
    codecs: batchCodecs,
    catalog,
    directory,
    ledger: stores.ledger,
    now: () => billing.now,
    maxFileBytes: batchConfig.max_file_bytes,
    maxLines: batchConfig.max_lines,
    hasNativeBatch: (provider) => nativeBatchClientFor(provider, client)?.endpoints.includes('chat') === true,
    onChange: () => batchRunner?.kick(),
    log: logger,
  });

  const appDeps: AppDeps = {
    logger,
    stores,
    keys,
    guardrails,
    guard: new GuardInference({ registry: guardrails, logger, metrics: metrics.registry }),
    catalog,
    routing,
    metrics,
    tracer,
    generationExport: generationExporter && config.telemetry.generation_export
      ? { exporter: generationExporter, sampleRate: config.telemetry.generation_export.sample_rate, includeContent: config.telemetry.generation_export.include_content }
      : undefined,
    alerts,
    writer,
    rateLimiter,
    keyRateLimits,
    billing,
    directory,
    billingConfig: config.billing,
    byok,
    byokFees: new ByokFeeMeter({ feePercent: config.byok.fee_percent, freeRequestsPerMonth: config.byok.free_requests_per_month }),
    inFlight,
    bodyLimitBytes: config.body_limit_bytes,
    keepaliveMs: config.stream_keepalive_ms,
    allowStorageUrls: config.allow_storage_urls,
    privacy,
    privacyStore: stores.privacy,
    responseCache: new ResponseCache({
      store: hot.responseCache,
      maxEntryBytes: config.response_cache.max_entry_bytes,
      settingsEpoch: hot.settingsEpoch,
    }),
    isStopping: () => stopping,
    dispatch: { adapters, client, metrics, maxAttempts: config.max_attempts, maxResponseBytes: 64 * 1024 * 1024, health, now: routingNow, requestDeadlineMs: config.request_deadline_ms },
    batches,
    batchMaxFileBytes: batchConfig.max_file_bytes,
  };
  const app = buildApp(appDeps);
  batchRunner = new BatchRunner({
    store: stores.batches,
    files: stores.files,
    storage: batchStorage,
    // The same runner, so the same stage list, as the HTTP routes.
    runner: sharedInferenceRunner(appDeps),
    codecs: batchCodecs,
    describeError: toErrorReply,
    slots: new SlotPool(batchConfig.global_concurrency),
    concurrency: batchConfig.concurrency,
    upstream429Retries: batchConfig.upstream_429_retries,
    now: Date.now,
    log: logger,
    leaseMs: batchConfig.lease_ms,
    pollIntervalMs: batchConfig.poll_interval_ms,
    retentionMs: batchConfig.retention_days * 86_400_000,
    native: {
      clientFor: (provider) => nativeBatchClientFor(provider, client),
      adapters,
      catalog,
      keyFor: (hash) => keys.get(hash),
      ledger: stores.ledger,
      pollMs: batchConfig.native_poll_interval_ms,
    },
  });
  await app.listen({ host: config.listen.host, port: config.listen.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  const url = `http://${config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host}:${port}`;
  logger.info({ url, providers: [...providers.keys()], models: catalog.list.length }, 'Switchyard is listening');
  batchRunner.start();
  const runningBatches = batchRunner;

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      clearInterval(purgeTimer);
      secretFiles.close();
      const deadline = setTimeout(() => {
        for (const ctx of inFlight) ctx.abort.abort();
        app.server.closeAllConnections();
      }, config.shutdown_grace_ms);
      deadline.unref();
      // Batch lines are not HTTP requests: stop starting them, and wait for those in flight (within the grace).
      await runningBatches.stop();
      await app.close();
      clearTimeout(deadline);
      await writer.close();
      await alerts.stop();
      await tracer?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'flushing traces failed'));
      await generationExporter?.shutdown();
      await client.close();
      await hot.close();
      await stores.close();
    })();
    return stopped;
  };
  return { app, url, managementKey, catalog, routing, logger, ledger: stores.ledger, stop };
}

/**
 * The OTLP trace exporter when a collector is configured (config `telemetry` or OTEL_EXPORTER_OTLP_ENDPOINT).
 * The OpenTelemetry SDK is imported only then: a gateway without a collector never loads it.
 */
async function openTracer(config: SwitchyardConfig, env: NodeJS.ProcessEnv, logger: Logger): Promise<RequestTracer | undefined> {
  const { telemetry } = config;
  if (!telemetry.otlp_endpoint) return undefined;
  const headers = Object.fromEntries(
    Object.entries(telemetry.otlp_headers).flatMap(([name, value]) => {
      const resolved = resolveSecret(value, env);
      return resolved === undefined ? [] : [[name, resolved]];
    }),
  );
  logger.info({ endpoint: telemetry.otlp_endpoint, sampleRatio: telemetry.sample_ratio }, 'Exporting OpenTelemetry traces over OTLP/HTTP');
  let lastErrorLogged = 0;
  const { openOtlpTracer } = await import('./telemetry/open-otlp-tracer.js');
  return openOtlpTracer({
    endpoint: telemetry.otlp_endpoint,
    headers,
    serviceName: telemetry.service_name,
    serviceVersion: GATEWAY_VERSION,
    sampleRatio: telemetry.sample_ratio,
    exportIntervalMs: telemetry.export_interval_ms,
    onError: (error) => {
      // At most one line a minute: a broken collector must not flood the log.
      if (Date.now() - lastErrorLogged < 60_000) return;
      lastErrorLogged = Date.now();
      logger.warn({ err: error }, 'building a trace failed');
    },
  });
}

/** The generation export's signing secret (an unset env:NAME is a config error, found before anything is opened). */
function resolveExportSecret(config: SwitchyardConfig, env: NodeJS.ProcessEnv): string | undefined {
  const settings = config.telemetry.generation_export;
  if (!settings) return undefined;
  const secret = resolveSecret(settings.secret, env);
  if (!secret) throw new Error(`telemetry.generation_export.secret: ${settings.secret} is not set`);
  registerSecret(secret);
  return secret;
}

/** The generation-record webhook export when `telemetry.generation_export` is set. */
function openGenerationExporter(config: SwitchyardConfig, secret: string | undefined, deps: { logger: Logger; metrics: GatewayMetrics }): GenerationBatchExporter | undefined {
  const settings = config.telemetry.generation_export;
  if (!settings || !secret) return undefined;
  deps.logger.info({ url: settings.url, sampleRate: settings.sample_rate, includeContent: settings.include_content }, 'Exporting generation records to a webhook');
  let lastErrorLogged = 0;
  return new GenerationBatchExporter({
    url: settings.url,
    secret,
    batchSize: settings.batch_size,
    flushIntervalMs: settings.flush_interval_ms,
    maxQueue: settings.max_queue,
    timeoutMs: settings.timeout_ms,
    retryDelaysMs: settings.retry_delays_ms,
    onDelivered: (count) => deps.metrics.generationExport.inc({ outcome: 'delivered' }, count),
    onDropped: (reason, count) => deps.metrics.generationExport.inc({ outcome: reason }, count),
    onError: (message) => {
      // At most one line a minute: a receiver that is down must not flood the log.
      if (Date.now() - lastErrorLogged < 60_000) return;
      lastErrorLogged = Date.now();
      deps.logger.warn(message);
    },
  });
}

/** Lists models of enabled local servers, and turns on an Ollama found at its default port. */
async function discoverLocal(providers: Map<string, Provider>, config: SwitchyardConfig, logger: Logger): Promise<CatalogModel[]> {
  const ollama = BUILTIN_PROVIDER_PRESETS.find((preset) => preset.id === 'ollama');
  if (config.detect_local_providers && ollama && !providers.has('ollama')) {
    const candidate = providerFromPreset(ollama, config);
    const models = await discoverLocalModels(candidate, 300);
    if (models) {
      providers.set('ollama', candidate);
      logger.info({ models: models.length }, 'Detected Ollama on its default port');
      return [...models, ...(await discoverOthers(providers, logger))];
    }
  }
  return discoverOthers(providers, logger);
}

async function discoverOthers(providers: Map<string, Provider>, logger: Logger): Promise<CatalogModel[]> {
  const found: CatalogModel[] = [];
  for (const provider of providers.values()) {
    if (!provider.local) continue;
    const models = await discoverLocalModels(provider, 1000);
    if (models) found.push(...models.filter((model) => !found.some((existing) => existing.id === model.id)));
    else logger.warn({ provider: provider.id, url: provider.baseUrl }, 'Local provider did not list its models');
  }
  return found;
}
