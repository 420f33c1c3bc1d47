import type { ChatRequest } from '../core/canonical/chat-request.js';
import { wantsImageOutput } from '../core/canonical/generated-image.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import { countPromptImages } from './count-prompt-images.js';
import { estimatePromptTokens, estimatePromptTokensUpperBound } from '../core/estimate-tokens.js';
import type { Picodollars } from '../core/money.js';

/** Head-room on the tokenizer's prompt estimate: providers' own counts differ by a few percent. */
const PROMPT_MARGIN_PERCENT = 15n;
const PROMPT_MARGIN_TOKENS = 32n;
/** Output assumed when neither the request nor the catalog bounds it (and then sent as max_tokens). */
export const DEFAULT_MAX_OUTPUT_TOKENS = 16_384;

/** The most a request can cost, over every endpoint the route may fail over to. */
export interface WorstCase {
  /** Prompt tokens with the safety margin. */
  promptTokens: number;
  /** Output tokens the reservation allows: the request's max, else the largest endpoint max. */
  outputTokens: number;
  /** True when outputTokens is only our assumption (no max_tokens, no catalog max): send it upstream. */
  assumedOutput: boolean;
  /** Worst-case cost with `outputTokens` output tokens. */
  cost(outputTokens: number): Picodollars;
  /** The largest output that `amount` pays for on every endpoint (may be 0). */
  affordableOutput(amount: Picodollars): number;
}

interface EndpointCost {
  fixed: Picodollars;
  perOutput: Picodollars;
}

/**
 * Prices the worst case for a planned route: prompt tokens (tokenizer estimate + margin) at the
 * dearest input rate of each endpoint (cache writes can cost more than plain prompt tokens), the
 * request fee, images, and the output bound at the dearest of the completion, reasoning and (when the
 * request asks for images) image-output rates —
 * then the maximum over all planned endpoints, since failover may land on the priciest.
 */
export function estimateWorstCase(request: ChatRequest, plan: RouteAttempt[]): WorstCase {
  const promptTokens = withMargin(estimatePromptTokens(request));
  return priceWorstCase({ request, plan, promptTokens, promptTokensForRoom: promptTokens });
}

/**
 * A worst case at least as large as estimateWorstCase's, for every output count, without the
 * tokenizer: the prompt's UTF-8 bytes stand for its tokens (estimatePromptTokensUpperBound, same
 * margin), and the output an endpoint allows is its whole context (a prompt takes at least none of
 * it). Undefined when the bound cannot show that the prompt fits every endpoint's context: then
 * estimateWorstCase decides (it may find the context full and assume a default output instead).
 */
export function boundWorstCase(request: ChatRequest, plan: RouteAttempt[]): WorstCase | undefined {
  const promptTokens = withMargin(estimatePromptTokensUpperBound(request));
  for (const { endpoint, model } of plan) {
    if (endpoint.entry.max_completion_tokens != null) continue;
    const context = endpoint.entry.context_length ?? model.model.context_length ?? 0;
    if (context > 0 && promptTokens >= BigInt(context)) return undefined;
  }
  return priceWorstCase({ request, plan, promptTokens, promptTokensForRoom: 0n });
}

function withMargin(estimate: number): bigint {
  const tokens = BigInt(estimate);
  return tokens + (tokens * PROMPT_MARGIN_PERCENT) / 100n + PROMPT_MARGIN_TOKENS;
}

function priceWorstCase(options: { request: ChatRequest; plan: RouteAttempt[]; promptTokens: bigint; promptTokensForRoom: bigint }): WorstCase {
  const { request, plan, promptTokens } = options;
  const promptImages = BigInt(countPromptImages(request));
  const requested = request.max_completion_tokens ?? request.max_tokens;
  const images = wantsImageOutput(request);
  let catalogMax = 0;
  const endpoints: EndpointCost[] = plan.map(({ endpoint, model }) => {
    const p = endpoint.prices;
    const inputRate = [p.prompt, p.inputCacheWrite ?? 0n, p.inputCacheWrite1h ?? 0n].reduce((a, b) => (b > a ? b : a));
    const contextRoom = (endpoint.entry.context_length ?? model.model.context_length ?? 0) - Number(options.promptTokensForRoom);
    const max = endpoint.entry.max_completion_tokens ?? (contextRoom > 0 ? contextRoom : 0);
    if (max > catalogMax) catalogMax = max;
    // Any output token may be a reasoning token or, when images were asked for, an image token.
    const outRates = [p.completion, p.internalReasoning ?? 0n, images ? (p.imageOutput ?? 0n) : 0n];
    const outRate = outRates.reduce((a, b) => (b > a ? b : a));
    return { fixed: promptTokens * inputRate + p.request + promptImages * p.image, perOutput: outRate };
  });
  const outputTokens = requested ?? (catalogMax > 0 ? catalogMax : DEFAULT_MAX_OUTPUT_TOKENS);
  return {
    promptTokens: Number(promptTokens),
    outputTokens,
    assumedOutput: requested === undefined && catalogMax === 0,
    cost(output) {
      let worst = 0n;
      for (const endpoint of endpoints) {
        const cost = endpoint.fixed + BigInt(output) * endpoint.perOutput;
        if (cost > worst) worst = cost;
      }
      return worst;
    },
    affordableOutput(amount) {
      let affordable = outputTokens;
      for (const endpoint of endpoints) {
        if (amount < endpoint.fixed) return 0;
        if (endpoint.perOutput === 0n) continue;
        const tokens = Number((amount - endpoint.fixed) / endpoint.perOutput);
        if (tokens < affordable) affordable = tokens;
      }
      return affordable;
    },
  };
}
