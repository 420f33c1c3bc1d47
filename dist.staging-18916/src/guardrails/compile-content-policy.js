import { GatewayError } from "../core/errors/gateway-error.js";
import { BUILTIN_DLP_DETECTORS } from "./dlp/builtin-dlp-detectors.js";
import { compileCustomPattern } from "./dlp/compile-custom-pattern.js";
import { detectPromptInjection } from "./prompt-injection/detect-prompt-injection.js";
import { ACTION_RANK } from "./text-finding.js";
const PROMPT_INJECTION_SLUG = "regex-prompt-injection";
const BUILTIN_SLUGS = [PROMPT_INJECTION_SLUG, ...Object.keys(BUILTIN_DLP_DETECTORS)];
const MAX_CUSTOM_FILTERS = 50;
function fromSpans(spans, found) {
  return spans.map(([start, end]) => ({ start, end, ...found }));
}
function compileFilters(options) {
  const filters = [];
  for (const [index, config] of options.builtins.entries()) {
    const scope = config.scan_scope ?? "all_messages";
    if (config.slug === PROMPT_INJECTION_SLUG) {
      filters.push({
        id: `builtin:${config.slug}`,
        action: config.action,
        scope,
        output: false,
        find: (text) => detectPromptInjection(text).map((m) => ({ start: m.start, end: m.end, name: m.name, placeholder: "[PROMPT_INJECTION]", action: config.action, kind: "injection" }))
      });
      continue;
    }
    const detector = BUILTIN_DLP_DETECTORS[config.slug];
    if (!detector) {
      throw new GatewayError("invalid_request", {
        message: `content_filter_builtins[${index}].slug: unknown built-in "${config.slug}"; supported: ${BUILTIN_SLUGS.join(", ")}`
      });
    }
    filters.push({
      id: `builtin:${config.slug}`,
      action: config.action,
      scope,
      output: options.scanOutput,
      find: (text) => fromSpans(detector.find(text), { name: detector.slug, placeholder: detector.placeholder, action: config.action, kind: "dlp" })
    });
  }
  if (options.custom.length > MAX_CUSTOM_FILTERS) {
    throw new GatewayError("invalid_request", { message: `content_filters: at most ${MAX_CUSTOM_FILTERS} custom patterns per guardrail` });
  }
  for (const [index, config] of options.custom.entries()) {
    const compiled = compileCustomPattern(config.pattern, `content_filters[${index}].pattern`);
    const name = config.label ?? "custom";
    filters.push({
      id: `custom:${config.pattern}`,
      action: config.action,
      scope: "all_messages",
      output: options.scanOutput,
      find: (text) => fromSpans(compiled.find(text), { name, placeholder: "[REDACTED]", action: config.action, kind: "custom" })
    });
  }
  return filters;
}
function combineFilters(lists) {
  const byId = /* @__PURE__ */ new Map();
  for (const list of lists) {
    for (const filter of list) {
      const seen = byId.get(filter.id);
      if (!seen) {
        byId.set(filter.id, filter);
        continue;
      }
      const action = ACTION_RANK[filter.action] > ACTION_RANK[seen.action] ? filter.action : seen.action;
      const winner = action === filter.action ? filter : seen;
      byId.set(filter.id, {
        id: filter.id,
        action,
        scope: seen.scope === "all_messages" || filter.scope === "all_messages" ? "all_messages" : "user_only",
        output: seen.output || filter.output,
        find: winner.find
      });
    }
  }
  const filters = [...byId.values()];
  return { filters, otherRoleFilters: filters.filter((f) => f.scope === "all_messages"), outputFilters: filters.filter((f) => f.output) };
}
export {
  BUILTIN_SLUGS,
  MAX_CUSTOM_FILTERS,
  PROMPT_INJECTION_SLUG,
  combineFilters,
  compileFilters
};
//# sourceMappingURL=compile-content-policy.js.map
