import { Counter, Gauge } from "prom-client";
const BREAKER_STATE = { closed: 0, half_open: 1, open: 2 };
function registerEndpointHealthMetrics(registry, source) {
  const { health, now } = source;
  const each = (visit) => {
    const at = now();
    for (const key of health.endpoints()) {
      const split = key.indexOf("|");
      visit({ provider: key.slice(0, split), model: key.slice(split + 1) }, health.stats(key, at));
    }
  };
  new Counter({
    name: "switchyard_endpoint_attempts_total",
    help: "Upstream attempts per endpoint by outcome (success, failure, rate_limited)",
    labelNames: ["provider", "model", "outcome"],
    registers: [registry],
    collect() {
      this.reset();
      each((labels, stats) => {
        if (stats.successes > 0) this.inc({ ...labels, outcome: "success" }, stats.successes);
        if (stats.failures > 0) this.inc({ ...labels, outcome: "failure" }, stats.failures);
        if (stats.rateLimited > 0) this.inc({ ...labels, outcome: "rate_limited" }, stats.rateLimited);
      });
    }
  });
  new Gauge({
    name: "switchyard_endpoint_uptime_ratio",
    help: "Successes / (successes + failures) per endpoint over a window (5m, 30m, 1d); rate limits excluded",
    labelNames: ["provider", "model", "window"],
    registers: [registry],
    collect() {
      this.reset();
      each((labels, stats) => {
        const windows = { "5m": stats.uptime5m, "30m": stats.uptime30m, "1d": stats.uptime1d };
        for (const [window, percent] of Object.entries(windows)) if (percent !== null) this.set({ ...labels, window }, percent / 100);
      });
    }
  });
  new Gauge({
    name: "switchyard_endpoint_breaker_state",
    help: "Circuit breaker per endpoint: 0 closed, 1 half-open, 2 open",
    labelNames: ["provider", "model"],
    registers: [registry],
    collect() {
      this.reset();
      each((labels, stats) => this.set(labels, BREAKER_STATE[stats.breaker]));
    }
  });
  new Gauge({
    name: "switchyard_endpoint_ttft_seconds",
    help: "Time to first byte per endpoint over the last 30 minutes, by quantile",
    labelNames: ["provider", "model", "quantile"],
    registers: [registry],
    collect() {
      this.reset();
      each((labels, stats) => {
        if (!stats.latency30m) return;
        for (const [quantile, ms] of Object.entries(stats.latency30m)) this.set({ ...labels, quantile: quantile.replace("p", "0.") }, ms / 1e3);
      });
    }
  });
}
export {
  registerEndpointHealthMetrics
};
//# sourceMappingURL=register-endpoint-health-metrics.js.map
