import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LabelValueCap } from './cap-label-values.js';

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
  readonly requests = new Counter({
    name: 'switchyard_requests_total',
    help: 'Inference requests by route and final status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
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
  readonly tokens = new Counter({
    name: 'switchyard_tokens_total',
    help: 'Tokens by provider, model and kind (prompt, completion, cached, reasoning)',
    labelNames: ['provider', 'model', 'kind'] as const,
    registers: [this.registry],
  });
  readonly generations = new Counter({
    name: 'switchyard_generations_total',
    help: 'Generations served by provider, model and outcome (completed, error, cancelled)',
    labelNames: ['provider', 'model', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly cost = new Counter({
    name: 'switchyard_cost_usd_total',
    help: 'Cost charged in USD by provider and model',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
  });

  readonly generationExport = new Counter({
    name: 'switchyard_generation_export_total',
    help: 'Generation records of the export webhook by outcome (delivered, queue_full, delivery_failed, rejected)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly #children = new Map<string, MetricChild>();

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
    this.#child(`e|${provider}|${options.status}`, () => this.upstreamErrors.labels(provider, String(options.status))).inc?.();
  }

  /** Records one finished request: bound label children are cached, so the hot path does no label hashing. */
  recordRequest(options: { route: string; status: number; streamed: boolean; seconds: number }): void {
    this.#child(`r|${options.route}|${options.status}`, () => this.requests.labels(options.route, String(options.status))).inc?.();
    const latency = this.#child(`l|${options.route}|${options.streamed}`, () => this.latency.labels(options.route, String(options.streamed)));
    latency.observe?.(options.seconds);
  }

  /** Counts a served generation and adds its tokens and cost. */
  recordUsage(options: {
    provider: string;
    model: string;
    outcome: 'completed' | 'error' | 'cancelled';
    tokens: Record<'prompt' | 'completion' | 'cached' | 'reasoning', number>;
    costUsd: number;
  }): void {
    const provider = this.providers.label(options.provider);
    const model = this.models.label(options.model);
    this.#child(`g|${provider}|${model}|${options.outcome}`, () => this.generations.labels(provider, model, options.outcome)).inc?.();
    for (const [kind, count] of Object.entries(options.tokens)) {
      if (count > 0) this.#child(`t|${provider}|${model}|${kind}`, () => this.tokens.labels(provider, model, kind)).inc?.(count);
    }
    if (options.costUsd > 0) this.#child(`c|${provider}|${model}`, () => this.cost.labels(provider, model)).inc?.(options.costUsd);
  }

  #child(key: string, create: () => MetricChild) {
    let child = this.#children.get(key);
    if (!child) {
      child = create();
      this.#children.set(key, child);
    }
    return child;
  }
}
