import { Counter } from "prom-client";
import { mergeRoutingConstraints } from "../routing/routing-constraints.js";
import { blockedError, blocks, scanRequestInput, scanResultOutput } from "./apply-content-policy.js";
import { GuardedStreamEncoder } from "./guard-output-stream.js";
class GuardInference {
  #registry;
  #logger;
  #matches;
  #bound = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#registry = options.registry;
    this.#logger = options.logger;
    this.#matches = new Counter({
      name: "switchyard_guardrail_matches_total",
      help: "Guardrail content-filter matches by filter (pattern or detector name), action and direction",
      labelNames: ["filter", "action", "direction"],
      registers: [options.metrics]
    });
  }
  /**
   * Applies the key's guardrails to a parsed request: merges their routing limits into
   * `ctx.constraints`, adds their budgets to `ctx.budgets`, and runs the input filters
   * (redacting in place, or throwing 403 on a blocking match).
   */
  /** Changes whenever any guardrail or assignment changes. */
  get policyVersion() {
    return this.#registry.version;
  }
  guardInput(ctx) {
    const guardrails = this.#registry.forKey(ctx.caller.key);
    if (!guardrails) return;
    ctx.guardrails = guardrails;
    ctx.constraints = mergeRoutingConstraints(ctx.constraints, guardrails.constraints);
    if (guardrails.budgets.length > 0) ctx.budgets.push(...guardrails.budgets);
    if (!guardrails.content) return;
    const findings = scanRequestInput(ctx.request, guardrails.content);
    this.#record(ctx, findings);
    if (blocks(findings)) throw blockedError(findings, "input");
  }
  /** Output filters on a non-streamed result (redacts in place; 403 on a blocking match). */
  guardResult(ctx, result) {
    const filters = ctx.guardrails?.content?.outputFilters;
    if (!filters || filters.length === 0) return;
    const findings = scanResultOutput(result, filters);
    this.#record(ctx, findings);
    if (blocks(findings)) throw blockedError(findings, "output");
  }
  /**
   * The encoder a stream should use: the client's own, or — when output filters apply —
   * one that scans the text first. Only then does the stream leave the fast path.
   */
  streamEncoder(ctx, encoder) {
    const filters = ctx.guardrails?.content?.outputFilters;
    if (!filters || filters.length === 0) return encoder;
    return new GuardedStreamEncoder(encoder, { filters, onFindings: (findings) => this.#record(ctx, findings) });
  }
  /** Flag records: metadata only (names, actions, counts), never the matched text. */
  #record(ctx, findings) {
    if (findings.length === 0) return;
    const counts = /* @__PURE__ */ new Map();
    for (const f of findings) {
      const key = `${f.name}|${f.action}|${f.direction}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      let child = this.#bound.get(key);
      if (!child) {
        child = this.#matches.labels(f.name, f.action, f.direction);
        this.#bound.set(key, child);
      }
      child.inc();
    }
    this.#logger.info(
      {
        generation_id: ctx.generationId,
        key_hash: ctx.caller.key.hash,
        workspace_id: ctx.caller.key.workspaceId,
        guardrail_ids: ctx.guardrails?.ids,
        matches: [...counts].map(([key, count]) => {
          const [filter, action, direction] = key.split("|");
          return { filter, action, direction, count };
        })
      },
      "guardrail content filter matched"
    );
  }
}
export {
  GuardInference
};
//# sourceMappingURL=guard-inference.js.map
