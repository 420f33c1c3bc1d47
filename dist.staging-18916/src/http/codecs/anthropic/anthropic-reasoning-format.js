const ANTHROPIC_REASONING_FORMAT = "anthropic-claude-v1";
export {
  ANTHROPIC_REASONING_FORMAT
};
//# sourceMappingURL=anthropic-reasoning-format.js.map
