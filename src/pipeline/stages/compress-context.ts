import { thenOrNow } from '../../core/then-or-now.js';
import { withTokenizer } from '../../core/token-counter.js';
import type { ChatMessage, ChatRequest } from '../../core/canonical/chat-request.js';
import { estimatePromptTokens } from '../../core/estimate-tokens.js';
import type { RouteAttempt } from '../../routing/plan-route.js';
import type { InferenceStage } from '../inference-stage.js';

/** OpenRouter turns middle-out on by default for endpoints with at most this much context. */
const DEFAULT_ON_MAX_CONTEXT = 8192;

/**
 * Middle-out context compression (`transforms: ["middle-out"]`, or the `context-compression`
 * plugin; on by default when every planned endpoint has ≤ 8,192 tokens of context, off with
 * `transforms: []` or the plugin's `enabled: false`, as on OpenRouter): when the prompt plus the
 * requested output does not fit the smallest context among
 * the planned endpoints, whole messages are dropped from the middle of the conversation (the
 * leading system/developer messages and the last message are kept; an assistant tool call goes
 * together with its tool results) until it fits, as OpenRouter does. A prompt that still does
 * not fit goes on unchanged and the provider's context error comes back.
 */
export function compressContext(): InferenceStage {
  return {
    name: 'compress-context',
    run(ctx) {
      // Embedding inputs are not a conversation: none is ever dropped.
      if (ctx.request.embeddings) return;
      const context = smallestContext(ctx.plan);
      if (context === undefined) return;
      const wanted = wantsMiddleOut(ctx.request);
      if (wanted === false || (wanted === undefined && context > DEFAULT_ON_MAX_CONTEXT)) return;
      const output = ctx.request.max_completion_tokens ?? ctx.request.max_tokens ?? 0;
      const budget = context - output;
      const compress = (tokens: number): void => {
        if (tokens > budget) ctx.request.messages = dropMiddleMessages(ctx.request, budget);
      };
      // Loads the tokenizer first (off the event loop) if it is not yet; then every count below is immediate.
      return thenOrNow(withTokenizer(() => estimatePromptTokens(ctx.request)), compress);
    },
  };
}

/** True when asked for, false when turned off (`transforms: []` or a disabled plugin), undefined when unsaid. */
function wantsMiddleOut(request: ChatRequest): boolean | undefined {
  const plugin = Array.isArray(request.plugins)
    ? (request.plugins as Array<{ id?: unknown; enabled?: unknown }>).find((entry) => entry?.id === 'context-compression')
    : undefined;
  if (plugin) return plugin.enabled !== false;
  if (Array.isArray(request.transforms)) return request.transforms.includes('middle-out');
  return undefined;
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
