const DIRECTIVE_BLOCK = /\[\[sim:([^\]]*)\]\]/g;
const NUMERIC_KEYS = /* @__PURE__ */ new Set([
  "status",
  "retry_after",
  "delay",
  "stall_after",
  "cut_after",
  "error_after",
  "cached",
  "reasoning",
  "words",
  "chunk_delay"
]);
const FLAG_KEYS = /* @__PURE__ */ new Set(["no_usage", "context", "malformed", "reset", "content_filter"]);
function parseSimDirectives(input) {
  if (!input.includes("[[sim:")) return { fault: {}, text: input.trim() };
  const fault = {};
  const text = input.replace(DIRECTIVE_BLOCK, (_match, inner) => {
    for (const pair of inner.trim().split(/[\s,]+/)) {
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      applyDirective(fault, pair.slice(0, eq).toLowerCase(), pair.slice(eq + 1));
    }
    return "";
  });
  return { fault, text: text.replace(/\s{2,}/g, " ").trim() };
}
function applyDirective(fault, key, value) {
  const target = fault;
  if (NUMERIC_KEYS.has(key)) {
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0) target[key] = Math.floor(n);
  } else if (FLAG_KEYS.has(key)) {
    target[key] = value !== "0" && value !== "false";
  } else if (key === "tools") {
    if (value === "parallel") fault.tools = "parallel";
  } else if (key === "finish") {
    fault.finish = value;
  }
}
export {
  parseSimDirectives
};
//# sourceMappingURL=parse-sim-directives.js.map
