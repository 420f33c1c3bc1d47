import type { FinishReason } from '../../core/canonical/finish-reason.js';

/**
 * Anthropic `stop_reason` → OpenRouter finish reason; callers keep the raw value as
 * `native_finish_reason`. `pause_turn` (a paused server-tool loop) reads as a stop: the
 * turn is over as far as the client is concerned.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicFinishReason(reason: unknown): FinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
