import { GatewayError } from "../core/errors/gateway-error.js";
import { redactFindings } from "./text-finding.js";
function scanText(text, filters) {
  if (text.length === 0) return { text, findings: [] };
  let findings;
  for (const filter of filters) {
    const found = filter.find(text);
    if (found.length > 0) (findings ??= []).push(...found);
  }
  if (!findings) return { text, findings: [] };
  return { text: redactFindings(text, findings), findings };
}
const KIND_WORDING = {
  injection: "prompt injection patterns",
  dlp: "sensitive information",
  custom: "custom content filters"
};
function blockedError(findings, direction) {
  const byKind = /* @__PURE__ */ new Map();
  for (const f of findings) {
    if (f.action !== "block") continue;
    let names = byKind.get(f.kind);
    if (!names) byKind.set(f.kind, names = /* @__PURE__ */ new Set());
    names.add(f.name);
  }
  const what = [...byKind].map(([kind, names]) => kind === "injection" ? KIND_WORDING.injection : `${KIND_WORDING[kind]} (${[...names].join(", ")})`);
  const patterns = [...byKind.values()].flatMap((names) => [...names]);
  const fix = direction === "input" ? "Remove it from the request" : "The model produced it; rephrase the request";
  return new GatewayError("guardrail_blocked", {
    message: `${direction === "input" ? "Request" : "Response"} blocked by a guardrail: ${what.join(" and ")} detected. ${fix}, or ask a workspace admin to change the guardrail's content filters.`,
    metadata: { patterns, direction }
  });
}
function blocks(findings) {
  return findings.some((f) => f.action === "block");
}
function scanRequestInput(request, policy) {
  const findings = [];
  const scan = (text, filters) => {
    const result = scanText(text, filters);
    for (const f of result.findings) findings.push({ name: f.name, action: f.action, kind: f.kind, direction: "input" });
    return result.text;
  };
  request.messages = request.messages.map((message) => {
    const filters = message.role === "user" ? policy.filters : policy.otherRoleFilters;
    return filters.length === 0 ? message : guardMessage(message, filters, scan);
  });
  return findings;
}
function guardMessage(message, filters, scan) {
  let next = message;
  const content = message.content;
  if (typeof content === "string") {
    const text = scan(content, filters);
    if (text !== content) next = { ...next, content: text };
  } else if (Array.isArray(content)) {
    let changed = false;
    const parts = content.map((part) => {
      if (part.type !== "text" || typeof part.text !== "string") return part;
      const text = scan(part.text, filters);
      if (text === part.text) return part;
      changed = true;
      return { ...part, text };
    });
    if (changed) next = { ...next, content: parts };
  }
  if (message.tool_calls) {
    let changed = false;
    const calls = message.tool_calls.map((call) => {
      const args = scan(call.function.arguments, filters);
      if (args === call.function.arguments) return call;
      changed = true;
      return { ...call, function: { ...call.function, arguments: args } };
    });
    if (changed) next = { ...next, tool_calls: calls };
  }
  return next;
}
function scanResultOutput(result, filters) {
  const findings = [];
  const scan = (text) => {
    const scanned = scanText(text, filters);
    for (const f of scanned.findings) findings.push({ name: f.name, action: f.action, kind: f.kind, direction: "output" });
    return scanned.text;
  };
  for (const choice of result.choices) {
    const message = choice.message;
    if (typeof message.content === "string") message.content = scan(message.content);
    if (typeof message.reasoning === "string") message.reasoning = scan(message.reasoning);
    for (const call of message.tool_calls ?? []) call.function.arguments = scan(call.function.arguments);
  }
  return findings;
}
export {
  blockedError,
  blocks,
  scanRequestInput,
  scanResultOutput,
  scanText
};
//# sourceMappingURL=apply-content-policy.js.map
