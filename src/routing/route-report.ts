/**
 * What planning decided and why, for `openrouter_metadata` (X-OpenRouter-Metadata: enabled)
 * and the 404 of an empty route. Filled by planRoute when the caller passes one.
 */
export interface RouteReport {
  /** `load_balanced` (1/cost² weighted), `sorted` (sort / :nitro / :floor), `ordered` (provider.order). */
  strategy: 'load_balanced' | 'sorted' | 'ordered';
  /** Every endpoint planned, in attempt order. */
  considered: Array<{ model: string; provider: string; stable: boolean; misses?: readonly string[] }>;
  excluded: Array<{ model: string; provider: string; reason: string }>;
}

export function emptyRouteReport(): RouteReport {
  return { strategy: 'load_balanced', considered: [], excluded: [] };
}

/** The auto router's choice, when `openrouter/auto` was asked for. */
export interface AutoRouteDecision {
  model: string;
  taskType: string;
  difficulty: string;
  tier: string;
  reason: string;
  fallbacks: string[];
}

/** Per-request routing state kept on the InferenceContext. */
export interface RoutingTrace {
  /** The client sent `X-OpenRouter-Metadata: enabled`. */
  explain: boolean;
  report: RouteReport | undefined;
  /** Sticky-routing key (key + conversation), set by planning. */
  conversation: string | undefined;
  auto: AutoRouteDecision | undefined;
}
