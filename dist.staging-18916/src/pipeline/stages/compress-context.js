import { estimatePromptTokens } from "../../core/estimate-tokens.js";
const DEFAULT_ON_MAX_CONTEXT = 8192;
function compressContext() {
  return {
    name: "compress-context",
    run(ctx) {
      const context = smallestContext(ctx.plan);
      if (context === void 0) return;
      const wanted = wantsMiddleOut(ctx.request);
      if (wanted === false || wanted === void 0 && context > DEFAULT_ON_MAX_CONTEXT) return;
      const output = ctx.request.max_completion_tokens ?? ctx.request.max_tokens ?? 0;
      const budget = context - output;
      if (estimatePromptTokens(ctx.request) <= budget) return;
      ctx.request.messages = dropMiddleMessages(ctx.request, budget);
    }
  };
}
function wantsMiddleOut(request) {
  const plugin = Array.isArray(request.plugins) ? request.plugins.find((entry) => entry?.id === "context-compression") : void 0;
  if (plugin) return plugin.enabled !== false;
  if (Array.isArray(request.transforms)) return request.transforms.includes("middle-out");
  return void 0;
}
function smallestContext(plan) {
  let smallest;
  for (const attempt of plan) {
    const length = attempt.endpoint.entry.context_length ?? attempt.model.model.context_length;
    if (length !== null && (smallest === void 0 || length < smallest)) smallest = length;
  }
  return smallest;
}
function dropMiddleMessages(request, budget) {
  const { messages } = request;
  let pinned = 0;
  while (pinned < messages.length - 1 && (messages[pinned].role === "system" || messages[pinned].role === "developer")) pinned += 1;
  const groups = [];
  for (let index = pinned; index < messages.length - 1; ) {
    let end = index + 1;
    if (messages[index].tool_calls?.length) while (end < messages.length - 1 && messages[end].role === "tool") end += 1;
    groups.push({ start: index, end, tokens: estimatePromptTokens({ messages: messages.slice(index, end) }) - 3 });
    index = end;
  }
  let total = estimatePromptTokens(request);
  const dropped = /* @__PURE__ */ new Set();
  const middle = (groups.length - 1) / 2;
  const byDistance = groups.map((_, index) => index).sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
  for (const index of byDistance) {
    if (total <= budget) break;
    dropped.add(index);
    total -= groups[index].tokens;
  }
  const kept = messages.slice(0, pinned);
  groups.forEach((group, index) => {
    if (!dropped.has(index)) kept.push(...messages.slice(group.start, group.end));
  });
  kept.push(messages[messages.length - 1]);
  return kept;
}
export {
  compressContext,
  dropMiddleMessages
};
//# sourceMappingURL=compress-context.js.map
