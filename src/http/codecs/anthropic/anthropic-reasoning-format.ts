/** `reasoning_details[].format` for blocks that came from (and must return to) Claude; OpenRouter's name. */
export const ANTHROPIC_REASONING_FORMAT = 'anthropic-claude-v1';
