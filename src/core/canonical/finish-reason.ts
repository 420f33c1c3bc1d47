/** OpenRouter's normalised finish reasons. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error';
