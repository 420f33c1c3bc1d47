import type { ChatMessage, ChatRequest } from '../../core/canonical/chat-request.js';
import { estimatePromptTokens } from '../../core/estimate-tokens.js';
import type { RouteAttempt } from '../../routing/plan-route.js';
import type { InferenceStage } from '../inference-stage.js';

/**
 * Middle-out context compression (`transforms: ["middle-out"]`, or the `context-compression`
 * plugin): when the prompt plus the requested output does not fit the smallest context among
 * the planned endpoints, whole messages are dropped from the middle of the conversation (the
 * leading system/developer messages and the last message are kept; an assistant tool call goes
 * together with its tool results) until it fits, as OpenRouter does. A prompt that still does
 * not fit goes on unchanged and the provider's context error comes back.
 */
export function compressContext(): InferenceStage {
  return {
    name: 'compress-context',
    run(ctx) {
      if (!wantsMiddleOut(ctx.request)) return;
      const context = smallestContext(ctx.plan);
      if (context === undefined) return;
      const output = ctx.request.max_completion_tokens ?? ctx.request.max_tokens ?? 0;
      const budget = context - output;
      if (estimatePromptTokens(ctx.request) <= budget) return;
      ctx.request.messages = dropMiddleMessages(ctx.request, budget);
    },
  };
}

function wantsMiddleOut(request: ChatRequest): boolean {
  if (Array.isArray(request.transforms) && request.transforms.includes('middle-out')) return true;
  return (
    Array.isArray(request.plugins) &&
    (request.plugins as Array<{ id?: unknown; enabled?: unknown }>).some((plugin) => plugin?.id === 'context-compression' && plugin.enabled !== false)
  );
}

function smallestContext(plan: readonly RouteAttempt[]): number | undefined {
  let smallest: number | undefined;
  for (const attempt of plan) {
    const length = attempt.endpoint.entry.context_length ?? attempt.model.model.context_length;
    if (length !== null && (smallest === undefined || length < smallest)) smallest = length;
  }
  return smallest;
}

/** The messages with middle groups removed, nearest the middle first, until the prompt fits `budget` tokens. */
export function dropMiddleMessages(request: ChatRequest, budget: number): ChatMessage[] {
  const { messages } = request;
  let pinned = 0;
  while (pinned < messages.length - 1 && (messages[pinned]!.role === 'system' || messages[pinned]!.role === 'developer')) pinned += 1;
  // Groups between the pinned head and the last message; a tool call travels with its results.
  const groups: Array<{ start: number; end: number; tokens: number }> = [];
  for (let index = pinned; index < messages.length - 1; ) {
    let end = index + 1;
    if (messages[index]!.tool_calls?.length) while (end < messages.length - 1 && messages[end]!.role === 'tool') end += 1;
    groups.push({ start: index, end, tokens: estimatePromptTokens({ messages: messages.slice(index, end) }) - 3 });
    index = end;
  }
  let total = estimatePromptTokens(request);
  const dropped = new Set<number>();
  const middle = (groups.length - 1) / 2;
  const byDistance = groups.map((_, index) => index).sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
  for (const index of byDistance) {
    if (total <= budget) break;
    dropped.add(index);
    total -= groups[index]!.tokens;
  }
  const kept = messages.slice(0, pinned);
  groups.forEach((group, index) => {
    if (!dropped.has(index)) kept.push(...messages.slice(group.start, group.end));
  });
  kept.push(messages[messages.length - 1]!);
  return kept;
}
