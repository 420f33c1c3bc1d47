import type { AnthropicReplyPlan } from './build-anthropic-reply.js';

/**
 * The non-streaming Messages response for a plan.
 * @see https://docs.anthropic.com/en/api/messages#response
 */
export function renderAnthropicMessage(plan: AnthropicReplyPlan, withUsage = true): Record<string, unknown> {
  return {
    id: plan.id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content: plan.blocks,
    stop_reason: plan.stopReason,
    stop_sequence: plan.stopSequence,
    ...(withUsage ? { usage: plan.usage } : {}),
  };
}
