import { mergeReasoningDetails } from "../shared/merge-reasoning-details.js";
import {
  ANTHROPIC_REASONING_FORMAT
} from "./anthropic-messages-api.js";
const REPLAYABLE_FORMATS = /* @__PURE__ */ new Set([void 0, ANTHROPIC_REASONING_FORMAT]);
function replayAnthropicThinking(details) {
  return mergeReasoningDetails(details, REPLAYABLE_FORMATS).map(
    (block) => block.kind === "encrypted" ? { type: "redacted_thinking", data: block.data } : { type: "thinking", thinking: block.text, signature: block.signature }
  );
}
export {
  replayAnthropicThinking
};
//# sourceMappingURL=replay-anthropic-thinking.js.map
