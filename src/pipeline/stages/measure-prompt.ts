import { measurePromptTokens } from '../../core/estimate-tokens.js';
import type { InferenceStage } from '../inference-stage.js';

/**
 * Counts the prompt's tokens before anything needs them (rate limit, routing, middle-out, budget),
 * cooperatively: the tokenizer's work is sliced so that a huge prompt never holds the event loop.
 */
export function measurePrompt(): InferenceStage {
  return { name: 'measure-prompt', run: (ctx) => measurePromptTokens(ctx.request) };
}
