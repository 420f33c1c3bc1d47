import { splitIntoWordPieces } from "../shared/split-into-word-pieces.js";
const TOOL_FRAGMENT = 5;
function renderConverseResponse(plan, options) {
  const content = [];
  if (plan.reasoning) content.push({ reasoningContent: { reasoningText: { text: plan.reasoning.text, signature: plan.reasoning.signature } } });
  if (plan.text !== null) content.push({ text: plan.text });
  for (const use of plan.toolUses) content.push({ toolUse: use });
  return {
    output: { message: { role: "assistant", content } },
    stopReason: plan.stopReason,
    ...options.noUsage ? {} : { usage: plan.usage },
    metrics: { latencyMs: 12 }
  };
}
function renderConverseEvents(plan, options) {
  const events = [{ eventType: "messageStart", payload: { role: "assistant" } }];
  let block = 0;
  const delta = (contentBlockIndex, value) => events.push({ eventType: "contentBlockDelta", payload: { contentBlockIndex, delta: value } });
  const stop = (contentBlockIndex) => events.push({ eventType: "contentBlockStop", payload: { contentBlockIndex } });
  if (plan.reasoning) {
    for (const piece of splitIntoWordPieces(plan.reasoning.text)) delta(block, { reasoningContent: { text: piece } });
    delta(block, { reasoningContent: { signature: plan.reasoning.signature } });
    stop(block++);
  }
  if (plan.text !== null) {
    for (const piece of splitIntoWordPieces(plan.text)) delta(block, { text: piece });
    stop(block++);
  }
  for (const use of plan.toolUses) {
    events.push({ eventType: "contentBlockStart", payload: { contentBlockIndex: block, start: { toolUse: { toolUseId: use.toolUseId, name: use.name } } } });
    const json = JSON.stringify(use.input);
    for (let at = 0; at < json.length; at += TOOL_FRAGMENT) delta(block, { toolUse: { input: json.slice(at, at + TOOL_FRAGMENT) } });
    stop(block++);
  }
  events.push({ eventType: "messageStop", payload: { stopReason: plan.stopReason } });
  if (!options.noUsage) events.push({ eventType: "metadata", payload: { usage: plan.usage, metrics: { latencyMs: 12 } } });
  let padding = 0;
  for (const event of events) event.payload.p = "abcdefghijklmnopqrstuvwxyz".slice(0, 1 + padding++ % 26);
  return events;
}
export {
  renderConverseEvents,
  renderConverseResponse
};
//# sourceMappingURL=render-converse-events.js.map
