import type { ChatRequest } from '../../core/canonical/chat-request.js';

/** Share of `max_tokens` given to thinking per effort (OpenRouter's published ratios). */
const EFFORT_RATIO: Record<string, number> = { max: 0.95, xhigh: 0.95, high: 0.8, medium: 0.5, low: 0.2, minimal: 0.1 };
const MIN_BUDGET = 1024;
const MAX_BUDGET = 128_000;
/** Used when neither the client nor the catalog gives an output limit. */
export const FALLBACK_MAX_TOKENS = 4096;

/** What {@link resolveAnthropicThinking} decides. */
export interface ThinkingPlan {
  maxTokens: number;
  /** Undefined when thinking stays off. */
  budgetTokens: number | undefined;
}

/**
 * Decides `max_tokens` and the thinking budget for an Anthropic request.
 * - `max_tokens` (required by Anthropic) is the client's `max_completion_tokens` /
 *   `max_tokens`, else the endpoint's output limit from the catalog, else 4096.
 * - Thinking turns on with `reasoning.max_tokens` (the budget itself), `reasoning.effort` /
 *   `reasoning_effort` (a share of `max_tokens`), `reasoning.enabled` (medium) or the
 *   `:thinking` model variant; `effort: "none"` or `enabled: false` keep it off.
 * - The budget is clamped to 1024..128000 (Anthropic's floor; below it the request fails)
 *   and must stay under `max_tokens`: when the client's `max_tokens` is too small for it, the
 *   budget is added on top so the visible answer still gets what was asked for.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export function resolveAnthropicThinking(request: ChatRequest, maxOutputTokens: number | null | undefined): ThinkingPlan {
  const explicit = positive(request.max_completion_tokens) ?? positive(request.max_tokens);
  const limit = positive(maxOutputTokens);
  let maxTokens = explicit ?? limit ?? FALLBACK_MAX_TOKENS;
  const reasoning = request.reasoning ?? {};
  const effort = typeof reasoning.effort === 'string' ? reasoning.effort : typeof request.reasoning_effort === 'string' ? request.reasoning_effort : undefined;
  if (reasoning.enabled === false || effort === 'none') return { maxTokens, budgetTokens: undefined };

  let budget: number | undefined;
  const requestedBudget = positive(reasoning.max_tokens);
  if (requestedBudget !== undefined) budget = requestedBudget;
  else if (effort !== undefined || reasoning.enabled === true || request.model?.endsWith(':thinking')) {
    budget = Math.floor(maxTokens * (EFFORT_RATIO[effort ?? 'medium'] ?? 0.5));
  }
  if (budget === undefined) return { maxTokens, budgetTokens: undefined };
  budget = Math.min(Math.max(budget, MIN_BUDGET), MAX_BUDGET);
  if (budget >= maxTokens) {
    maxTokens = budget + (explicit ?? FALLBACK_MAX_TOKENS);
    if (limit !== undefined && limit > budget) maxTokens = Math.min(maxTokens, limit);
  }
  return { maxTokens, budgetTokens: budget };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}
