import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
class GatewayMetrics {
  registry = new Registry();
  requests = new Counter({
    name: "switchyard_requests_total",
    help: "Inference requests by route and final status",
    labelNames: ["route", "status"],
    registers: [this.registry]
  });
  latency = new Histogram({
    name: "switchyard_request_duration_seconds",
    help: "Time from request to the last byte of the response",
    labelNames: ["route", "streamed"],
    buckets: [5e-3, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry]
  });
  upstreamErrors = new Counter({
    name: "switchyard_upstream_errors_total",
    help: "Failed upstream attempts by provider and status (0 = no response)",
    labelNames: ["provider", "status"],
    registers: [this.registry]
  });
  tokens = new Counter({
    name: "switchyard_tokens_total",
    help: "Tokens by provider, model and kind (prompt, completion, cached, reasoning)",
    labelNames: ["provider", "model", "kind"],
    registers: [this.registry]
  });
  cost = new Counter({
    name: "switchyard_cost_usd_total",
    help: "Cost charged in USD by provider and model",
    labelNames: ["provider", "model"],
    registers: [this.registry]
  });
  #children = /* @__PURE__ */ new Map();
  constructor(options = {}) {
    if (options.collectProcessMetrics) collectDefaultMetrics({ register: this.registry, prefix: "switchyard_" });
  }
  /** Records one finished request: bound label children are cached, so the hot path does no label hashing. */
  recordRequest(options) {
    this.#child(`r|${options.route}|${options.status}`, () => this.requests.labels(options.route, String(options.status))).inc?.();
    const latency = this.#child(`l|${options.route}|${options.streamed}`, () => this.latency.labels(options.route, String(options.streamed)));
    latency.observe?.(options.seconds);
  }
  /** Adds a served generation's tokens and cost. */
  recordUsage(options) {
    const { provider, model } = options;
    for (const [kind, count] of Object.entries(options.tokens)) {
      if (count > 0) this.#child(`t|${provider}|${model}|${kind}`, () => this.tokens.labels(provider, model, kind)).inc?.(count);
    }
    if (options.costUsd > 0) this.#child(`c|${provider}|${model}`, () => this.cost.labels(provider, model)).inc?.(options.costUsd);
  }
  #child(key, create) {
    let child = this.#children.get(key);
    if (!child) {
      child = create();
      this.#children.set(key, child);
    }
    return child;
  }
}
export {
  GatewayMetrics
};
//# sourceMappingURL=gateway-metrics.js.map
