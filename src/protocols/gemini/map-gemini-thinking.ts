import type { ChatRequest } from '../../core/canonical/chat-request.js';
import type { GeminiThinkingConfig } from './gemini-api.js';

/** Thinking budgets (tokens) for Gemini 2.5 models when only an effort is given. */
const BUDGETS: Record<string, number> = { minimal: 512, low: 2048, medium: 8192, high: 24576, xhigh: 24576 };

/**
 * OpenRouter's `reasoning` object (or `reasoning_effort`) → Gemini's `thinkingConfig`.
 * Gemini 3 models take a `thinkingLevel` (Pro: low/high; Flash: minimal/low/medium/high),
 * Gemini 2.5 a `thinkingBudget` in tokens (`reasoning.max_tokens` wins; 0 turns thinking off
 * where the model allows it — 2.5 Pro cannot, so nothing is sent for it). Thought summaries
 * are asked for (`includeThoughts`) unless `reasoning.exclude` is set. Without any reasoning
 * field nothing is sent and the model's default applies.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
export function mapGeminiThinking(request: ChatRequest, model: string): GeminiThinkingConfig | undefined {
  const reasoning = request.reasoning;
  const effort = reasoning?.effort ?? (typeof request.reasoning_effort === 'string' ? request.reasoning_effort : undefined);
  const wanted = reasoning !== undefined || effort !== undefined || request.include_reasoning === true;
  if (!wanted) return undefined;
  const off = reasoning?.enabled === false || effort === 'none' || reasoning?.max_tokens === 0;
  const config: GeminiThinkingConfig = {};
  const name = model.replace(/^models\//, '');
  if (/^gemini-[3-9]/.test(name)) {
    const flash = name.includes('flash');
    if (off) config.thinkingLevel = flash ? 'minimal' : 'low';
    else if (effort !== undefined) config.thinkingLevel = geminiLevel(effort, flash);
  } else if (off) {
    if (name.includes('pro')) return undefined;
    config.thinkingBudget = 0;
  } else if (reasoning?.max_tokens !== undefined) {
    config.thinkingBudget = reasoning.max_tokens;
  } else if (effort !== undefined && BUDGETS[effort] !== undefined) {
    config.thinkingBudget = BUDGETS[effort];
  }
  if (!off && reasoning?.exclude !== true) config.includeThoughts = true;
  return Object.keys(config).length > 0 ? config : undefined;
}

function geminiLevel(effort: string, flash: boolean): NonNullable<GeminiThinkingConfig['thinkingLevel']> {
  if (effort === 'minimal') return flash ? 'minimal' : 'low';
  if (effort === 'low') return 'low';
  if (effort === 'medium') return flash ? 'medium' : 'high';
  return 'high';
}
