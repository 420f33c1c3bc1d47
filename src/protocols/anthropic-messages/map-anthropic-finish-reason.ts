import type { FinishReason } from '../../core/canonical/finish-reason.js';
import type { AnthropicStopReason } from './anthropic-messages-api.js';

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

/** Finer Anthropic stop reasons an upstream may report natively, by the canonical reason they refine. */
const NATIVE_REFINEMENTS: Record<string, ReadonlySet<string>> = {
  stop: new Set(['end_turn', 'stop_sequence', 'pause_turn']),
  length: new Set(['max_tokens', 'model_context_window_exceeded']),
};

/**
 * Maps a canonical finish reason to Anthropic's `stop_reason`: stop → end_turn, length →
 * max_tokens, tool_calls → tool_use, content_filter → refusal. A native reason from an
 * Anthropic-family upstream refines it only when it agrees (`stop_sequence`, `pause_turn`,
 * `model_context_window_exceeded`); a native `tool_use` behind a canonical stop (JSON output
 * through a forced tool) stays end_turn.
 */
export function toAnthropicStopReason(finish: FinishReason | null, native: string | null): AnthropicStopReason {
  const canonical = finish ?? 'stop';
  if (native !== null && NATIVE_REFINEMENTS[canonical]?.has(native)) return native as AnthropicStopReason;
  switch (canonical) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
