import { mergeReasoningDetails } from "../shared/merge-reasoning-details.js";
const BEDROCK_REASONING_FORMAT = "anthropic-claude-v1";
const REPLAYABLE_FORMATS = /* @__PURE__ */ new Set([void 0, "unknown", BEDROCK_REASONING_FORMAT]);
function replayReasoningDetails(details) {
  return mergeReasoningDetails(details, REPLAYABLE_FORMATS).map(
    (block) => block.kind === "encrypted" ? { reasoningContent: { redactedContent: block.data } } : { reasoningContent: { reasoningText: { text: block.text, signature: block.signature } } }
  );
}
export {
  BEDROCK_REASONING_FORMAT,
  replayReasoningDetails
};
//# sourceMappingURL=replay-reasoning-details.js.map
