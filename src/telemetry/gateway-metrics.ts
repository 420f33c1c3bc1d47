import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics. Labels are bounded: route, status, provider slug, model id from the
 * catalog — never prompt text, keys or user ids.
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
  readonly cost = new Counter({
    name: 'switchyard_cost_usd_total',
    help: 'Cost charged in USD by provider and model',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
  });

  constructor(options: { collectProcessMetrics?: boolean } = {}) {
    if (options.collectProcessMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_' });
  }
}
