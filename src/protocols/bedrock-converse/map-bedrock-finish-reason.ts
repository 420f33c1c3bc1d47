import type { FinishReason } from '../../core/canonical/finish-reason.js';

/**
 * Normalises a Converse `stopReason` to OpenRouter's set; callers keep the raw value as
 * `native_finish_reason`. A `tool_use` stop caused by Switchyard's JSON-response tool is
 * a plain `stop` for the client (`jsonResponse`).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export function mapBedrockFinishReason(reason: unknown, options: { jsonResponse?: boolean } = {}): FinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return options.jsonResponse ? 'stop' : 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return 'error';
    default:
      return 'stop';
  }
}
