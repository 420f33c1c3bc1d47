import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LabelValueCap } from './cap-label-values.js';
import { PendingCounts } from './pending-counts.js';

/** A bound counter or histogram child. */
interface MetricChild {
  inc?(value?: number): void;
  observe?(value: number): void;
}

/**
 * Prometheus metrics. Labels are bounded: route, status, provider slug, model id from the
 * catalog — never prompt text, keys or user ids — and provider and model values are capped
 * (`telemetry.metrics_max_providers` / `metrics_max_models`): past the cap they count as `other`.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'route' | 'status'> = new Counter({
    name: 'switchyard_requests_total',
    help: 'Inference requests by route and final status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
    collect: (): void => this.#pendingRequests.flushInto(this.requests),
  });
  readonly latency = new Histogram({
    name: 'switchyard_request_duration_seconds',
    help: 'Time from request to the last byte of the response',
    labelNames: ['route', 'streamed'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly upstreamErrors = new Counter({
    name: 'switchyard_upstream_errors_total',
    help: 'Failed upstream attempts by provider and status (0 = no response)',
    labelNames: ['provider', 'status'] as const,
    registers: [this.registry],
  });
  readonly tokens: Counter<'provider' | 'model' | 'kind'> = new Counter({
    name: 'switchyard_tokens_total',
    help: 'Tokens by provider, model and kind (prompt, completion, cached, reasoning)',
    labelNames: ['provider', 'model', 'kind'] as const,
    registers: [this.registry],
    collect: (): void => this.#pendingTokens.flushInto(this.tokens),
  });
  readonly generations: Counter<'provider' | 'model' | 'outcome'> = new Counter({
    name: 'switchyard_generations_total',
    help: 'Generations served by provider, model and outcome (completed, error, cancelled)',
    labelNames: ['provider', 'model', 'outcome'] as const,
    registers: [this.registry],
    collect: (): void => this.#pendingGenerations.flushInto(this.generations),
  });
  readonly cost: Counter<'provider' | 'model'> = new Counter({
    name: 'switchyard_cost_usd_total',
    help: 'Cost charged in USD by provider and model',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
    collect: (): void => this.#pendingCost.flushInto(this.cost),
  });

  readonly generationExport = new Counter({
    name: 'switchyard_generation_export_total',
    help: 'Generation records of the export webhook by outcome (delivered, queue_full, delivery_failed, rejected)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Counts not yet added to prom-client, by label set: added when the registry is read (see PendingCounts). */
  readonly #pendingRequests = new PendingCounts(['route', 'status']);
  readonly #pendingGenerations = new PendingCounts(['provider', 'model', 'outcome']);
  readonly #pendingTokens = new PendingCounts(['provider', 'model', 'kind']);
  readonly #pendingCost = new PendingCounts(['provider', 'model']);
  readonly #upstreamErrorChildren = new Map<string, MetricChild>();
  /** Latency children by route, then [not streamed, streamed]. */
  readonly #latencyChildren = new Map<string, [MetricChild | undefined, MetricChild | undefined]>();

  /** Distinct provider and model label values kept; the health series share them. */
  readonly providers: LabelValueCap;
  readonly models: LabelValueCap;

  constructor(options: { collectProcessMetrics?: boolean; maxProviders?: number; maxModels?: number } = {}) {
    if (options.collectProcessMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_' });
    this.providers = new LabelValueCap(options.maxProviders ?? 50);
    this.models = new LabelValueCap(options.maxModels ?? 200);
  }

  /** A failed upstream attempt (status 0: no response). */
  recordUpstreamError(options: { provider: string; status: number }): void {
    const provider = this.providers.label(options.provider);
    const key = `${provider}|${options.status}`;
    let child = this.#upstreamErrorChildren.get(key);
    if (!child) {
      child = this.upstreamErrors.labels(provider, String(options.status));
      this.#upstreamErrorChildren.set(key, child);
    }
    child.inc?.();
  }

  /** Records one finished request: counts wait in PendingCounts, so the hot path does no label hashing. */
  recordRequest(options: { route: string; status: number; streamed: boolean; seconds: number }): void {
    this.#pendingRequests.add(options.route, options.status, undefined, 1);
    let byStreamed = this.#latencyChildren.get(options.route);
    if (!byStreamed) {
      byStreamed = [undefined, undefined];
      this.#latencyChildren.set(options.route, byStreamed);
    }
    const slot = options.streamed ? 1 : 0;
    let latency = byStreamed[slot];
    if (!latency) {
      latency = this.latency.labels(options.route, String(options.streamed));
      byStreamed[slot] = latency;
    }
    latency.observe?.(options.seconds);
  }

  /** Counts a served generation and adds its tokens and cost. */
  recordUsage(options: {
    provider: string;
    model: string;
    outcome: 'completed' | 'error' | 'cancelled';
    tokens: Record<TokenKind, number>;
    costUsd: number;
  }): void {
    const provider = this.providers.label(options.provider);
    const model = this.models.label(options.model);
    this.#pendingGenerations.add(provider, model, options.outcome, 1);
    const tokens = options.tokens;
    if (tokens.prompt > 0) this.#pendingTokens.add(provider, model, 'prompt', tokens.prompt);
    if (tokens.completion > 0) this.#pendingTokens.add(provider, model, 'completion', tokens.completion);
    if (tokens.cached > 0) this.#pendingTokens.add(provider, model, 'cached', tokens.cached);
    if (tokens.reasoning > 0) this.#pendingTokens.add(provider, model, 'reasoning', tokens.reasoning);
    if (options.costUsd > 0) this.#pendingCost.add(provider, model, undefined, options.costUsd);
  }
}

type TokenKind = 'prompt' | 'completion' | 'cached' | 'reasoning';
