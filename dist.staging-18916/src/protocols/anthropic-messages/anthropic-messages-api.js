const ANTHROPIC_VERSION = "2023-06-01";
const ANTHROPIC_REASONING_FORMAT = "anthropic-claude-v1";
export {
  ANTHROPIC_REASONING_FORMAT,
  ANTHROPIC_VERSION
};
//# sourceMappingURL=anthropic-messages-api.js.map
