import type { ToolCall } from '../../core/canonical/chat-request.js';
import type { ChatResult, ChatResultChoice } from '../../core/canonical/chat-response.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { ANTHROPIC_REASONING_FORMAT, type AnthropicMessagesResponse, type AnthropicResponseBlock } from './anthropic-messages-api.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { JSON_TOOL_NAME } from './to-anthropic-messages-request.js';

/**
 * Reads a non-streaming Anthropic message: text blocks join into `content`, `tool_use` blocks
 * become `tool_calls` (input serialised as the `arguments` string), thinking blocks become
 * `reasoning` plus `reasoning_details` with their signatures (redacted thinking as
 * `reasoning.encrypted`), so the client can send them back on the next turn. A call of the
 * JSON-output tool is the answer to `response_format`: its input becomes the content and the
 * finish reason is `stop`. Anything that is not a message is an invalid response (502, retryable).
 * @see https://docs.anthropic.com/en/api/messages#response-content
 */
export function fromAnthropicMessagesResponse(bodyText: string, provider: string): ChatResult {
  let body: AnthropicMessagesResponse;
  try {
    body = JSON.parse(bodyText) as AnthropicMessagesResponse;
  } catch {
    throw invalidResponse(provider, 'body is not valid JSON', bodyText);
  }
  if (!body || typeof body !== 'object' || body.type !== 'message' || !Array.isArray(body.content)) {
    throw invalidResponse(provider, 'body is not a message', bodyText);
  }
  const message = readContent(body.content);
  const nativeFinish = typeof body.stop_reason === 'string' ? body.stop_reason : null;
  let finishReason = mapAnthropicFinishReason(nativeFinish);
  if (finishReason === 'tool_calls' && message.tool_calls === undefined) finishReason = 'stop';
  const choice: ChatResultChoice = { index: 0, message, finishReason, nativeFinishReason: nativeFinish };
  return {
    upstreamId: typeof body.id === 'string' ? body.id : null,
    choices: [choice],
    tokens: convertAnthropicUsage(body.usage),
    systemFingerprint: null,
    extra: {},
  };
}

function readContent(blocks: AnthropicResponseBlock[]): ChatResultChoice['message'] {
  let text = '';
  let reasoning = '';
  const details: unknown[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        text += block.text;
        break;
      case 'thinking':
        reasoning += block.thinking;
        details.push({ type: 'reasoning.text', text: block.thinking, signature: block.signature, format: ANTHROPIC_REASONING_FORMAT, index: details.length });
        break;
      case 'redacted_thinking':
        details.push({ type: 'reasoning.encrypted', data: block.data, format: ANTHROPIC_REASONING_FORMAT, index: details.length });
        break;
      case 'tool_use':
        if (block.name === JSON_TOOL_NAME) text += JSON.stringify(block.input ?? {});
        else toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
        break;
      default:
        // Server-tool and citation blocks carry nothing the chat shape can hold.
        break;
    }
  }
  const message: ChatResultChoice['message'] = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
  if (details.length > 0) {
    message.reasoning = reasoning;
    message.reasoning_details = details;
  }
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}
