import type { ConverseReplyPlan } from './build-converse-reply.js';
import { splitIntoWordPieces } from '../shared/split-into-word-pieces.js';

/** One ConverseStream event before framing: its `:event-type` and JSON payload. */
export interface ConverseEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

const TOOL_FRAGMENT = 5;

/** The Converse JSON response for a plan. */
export function renderConverseResponse(plan: ConverseReplyPlan, options: { noUsage: boolean }): Record<string, unknown> {
  const content: unknown[] = [];
  if (plan.reasoning) content.push({ reasoningContent: { reasoningText: { text: plan.reasoning.text, signature: plan.reasoning.signature } } });
  if (plan.text !== null) content.push({ text: plan.text });
  for (const use of plan.toolUses) content.push({ toolUse: use });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: plan.stopReason,
    ...(options.noUsage ? {} : { usage: plan.usage }),
    metrics: { latencyMs: 12 },
  };
}

/**
 * The ConverseStream event sequence for a plan, in Bedrock's order: messageStart, each
 * block's deltas (reasoning text then its signature; text one word per delta; tool input in
 * 5-character JSON fragments after a contentBlockStart) and contentBlockStop, messageStop,
 * then metadata with usage. Payloads carry Bedrock's random padding field `p`.
 */
export function renderConverseEvents(plan: ConverseReplyPlan, options: { noUsage: boolean }): ConverseEvent[] {
  const events: ConverseEvent[] = [{ eventType: 'messageStart', payload: { role: 'assistant' } }];
  let block = 0;
  const delta = (contentBlockIndex: number, value: Record<string, unknown>) =>
    events.push({ eventType: 'contentBlockDelta', payload: { contentBlockIndex, delta: value } });
  const stop = (contentBlockIndex: number) => events.push({ eventType: 'contentBlockStop', payload: { contentBlockIndex } });
  if (plan.reasoning) {
    for (const piece of splitIntoWordPieces(plan.reasoning.text)) delta(block, { reasoningContent: { text: piece } });
    delta(block, { reasoningContent: { signature: plan.reasoning.signature } });
    stop(block++);
  }
  if (plan.text !== null) {
    for (const piece of splitIntoWordPieces(plan.text)) delta(block, { text: piece });
    stop(block++);
  }
  for (const use of plan.toolUses) {
    events.push({ eventType: 'contentBlockStart', payload: { contentBlockIndex: block, start: { toolUse: { toolUseId: use.toolUseId, name: use.name } } } });
    const json = JSON.stringify(use.input);
    for (let at = 0; at < json.length; at += TOOL_FRAGMENT) delta(block, { toolUse: { input: json.slice(at, at + TOOL_FRAGMENT) } });
    stop(block++);
  }
  events.push({ eventType: 'messageStop', payload: { stopReason: plan.stopReason } });
  if (!options.noUsage) events.push({ eventType: 'metadata', payload: { usage: plan.usage, metrics: { latencyMs: 12 } } });
  let padding = 0;
  for (const event of events) event.payload.p = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 1 + (padding++ % 26));
  return events;
}
