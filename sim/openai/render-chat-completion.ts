import type { ChatReplyPlan } from './build-chat-reply.js';

/** Fingerprint reported on every chat reply and chunk. */
export const SIM_SYSTEM_FINGERPRINT = 'fp_sim0a1b2c3';

/**
 * The non-streaming `chat.completion` object for a plan, field for field as
 * OpenAI returns it. `message.reasoning` is the OpenRouter-style extension,
 * present only when the plan has reasoning.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function renderChatCompletion(plan: ChatReplyPlan): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: plan.content,
    refusal: null,
    annotations: [],
  };
  if (plan.reasoning !== null) message.reasoning = plan.reasoning;
  if (plan.toolCalls.length > 0) {
    message.tool_calls = plan.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: plan.usage,
    service_tier: 'default',
    system_fingerprint: SIM_SYSTEM_FINGERPRINT,
  };
}
