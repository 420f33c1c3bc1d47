import { Counter, Gauge, type Registry } from 'prom-client';
import type { EndpointHealth } from '../routing/health/endpoint-health.js';
import { OVERFLOW_LABEL, type LabelValueCap } from './cap-label-values.js';

const BREAKER_STATE = { closed: 0, half_open: 1, open: 2 } as const;

/**
 * Per-endpoint health series, computed from EndpointHealth when Prometheus scrapes (nothing
 * is added to the request path beyond the one `health.record` per attempt). Labels are the
 * provider slug and the catalog model id, under the same caps as the request series: past a cap,
 * attempts add up under `other` and the per-endpoint gauges (which do not add up) are left out.
 */
export function registerEndpointHealthMetrics(
  registry: Registry,
  source: { health: EndpointHealth; now: () => number; caps?: { providers: LabelValueCap; models: LabelValueCap } },
): void {
  const { health, now, caps } = source;
  const each = (visit: (labels: { provider: string; model: string }, stats: ReturnType<EndpointHealth['stats']>) => void, options: { overflow: boolean }) => {
    const at = now();
    for (const key of health.endpoints()) {
      const split = key.indexOf('|');
      const provider = caps ? caps.providers.label(key.slice(0, split)) : key.slice(0, split);
      const model = caps ? caps.models.label(key.slice(split + 1)) : key.slice(split + 1);
      if (!options.overflow && (provider === OVERFLOW_LABEL || model === OVERFLOW_LABEL)) continue;
      visit({ provider, model }, health.stats(key, at));
    }
  };
  new Counter({
    name: 'switchyard_endpoint_attempts_total',
    help: 'Upstream attempts per endpoint by outcome (success, failure, rate_limited)',
    labelNames: ['provider', 'model', 'outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      each((labels, stats) => {
        if (stats.successes > 0) this.inc({ ...labels, outcome: 'success' }, stats.successes);
        if (stats.failures > 0) this.inc({ ...labels, outcome: 'failure' }, stats.failures);
        if (stats.rateLimited > 0) this.inc({ ...labels, outcome: 'rate_limited' }, stats.rateLimited);
      }, { overflow: true });
    },
  });
  new Gauge({
    name: 'switchyard_endpoint_uptime_ratio',
    help: 'Successes / (successes + failures) per endpoint over a window (5m, 30m, 1d); rate limits excluded',
    labelNames: ['provider', 'model', 'window'] as const,
    registers: [registry],
    collect() {
      this.reset();
      each((labels, stats) => {
        const windows = { '5m': stats.uptime5m, '30m': stats.uptime30m, '1d': stats.uptime1d };
        for (const [window, percent] of Object.entries(windows)) if (percent !== null) this.set({ ...labels, window }, percent / 100);
      }, { overflow: false });
    },
  });
  new Gauge({
    name: 'switchyard_endpoint_breaker_state',
    help: 'Circuit breaker per endpoint: 0 closed, 1 half-open, 2 open',
    labelNames: ['provider', 'model'] as const,
    registers: [registry],
    collect() {
      this.reset();
      each((labels, stats) => this.set(labels, BREAKER_STATE[stats.breaker]), { overflow: false });
    },
  });
  new Gauge({
    name: 'switchyard_endpoint_ttft_seconds',
    help: 'Time to first byte per endpoint over the last 30 minutes, by quantile',
    labelNames: ['provider', 'model', 'quantile'] as const,
    registers: [registry],
    collect() {
      this.reset();
      each((labels, stats) => {
        if (!stats.latency30m) return;
        for (const [quantile, ms] of Object.entries(stats.latency30m)) this.set({ ...labels, quantile: quantile.replace('p', '0.') }, ms / 1000);
      }, { overflow: false });
    },
  });
}
