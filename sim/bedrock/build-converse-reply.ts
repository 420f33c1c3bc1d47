import { createHash } from 'node:crypto';
import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { buildEchoText } from '../shared/build-echo-text.js';
import { buildToolArguments } from '../shared/build-tool-arguments.js';
import { countTextTokens } from '../shared/count-text-tokens.js';
import type { SimFault } from '../shared/sim-fault.js';

/** One tool call the simulated model makes. */
export interface PlannedToolUse {
  toolUseId: string;
  name: string;
  input: unknown;
}

/** Everything needed to render a Converse reply, streamed or not. */
export interface ConverseReplyPlan {
  reasoning: { text: string; signature: string } | null;
  text: string | null;
  toolUses: PlannedToolUse[];
  stopReason: string;
  usage: { inputTokens: number; outputTokens: number; totalTokens: number; cacheReadInputTokens: number; cacheWriteInputTokens: number };
}

type Block = Record<string, unknown>;
type Message = { role?: unknown; content?: Block[] };

const REASONING_WORDS = ['Let', 'me', 'think', 'about', 'this', 'request', 'step', 'by', 'step.'];

/**
 * The deterministic signature the simulator puts on its reasoning; a replayed block must
 * carry exactly this, which is how tests prove signatures survive a round trip.
 */
export function signReasoning(text: string): string {
  return `simsig_${createHash('sha256').update(text).digest('base64url')}`;
}

/** The plain text of the last user turn (text blocks only). */
export function lastUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== 'user' || !Array.isArray(message.content)) continue;
    return message.content.map((block) => (typeof block.text === 'string' ? block.text : '')).filter(Boolean).join('\n');
  }
  return '';
}

/**
 * Decides the simulated model's reply to a Converse request: echo text or tool uses, Claude-
 * style reasoning when `thinking` is requested (or `reasoning=N`), a stop reason and usage
 * in Bedrock's convention (`inputTokens` excludes cache reads and writes).
 */
export function buildConverseReply(options: { body: Record<string, unknown>; prompt: string; fault: SimFault; seq: number }): ConverseReplyPlan {
  const { body, fault, seq } = options;
  const toolUses = planToolUses(body, fault, seq);
  let text: string | null = null;
  let stopReason = 'tool_use';
  let outputTokens = 0;
  if (toolUses.length > 0) {
    for (const use of toolUses) outputTokens += countTextTokens(use.name) + countTextTokens(JSON.stringify(use.input));
  } else {
    text = buildEchoText(options.prompt, fault.words);
    stopReason = 'end_turn';
    outputTokens = countTextTokens(text);
    const limit = (body.inferenceConfig as { maxTokens?: unknown } | undefined)?.maxTokens;
    if (typeof limit === 'number' && limit > 0 && outputTokens > limit) {
      text = decode(encode(text).slice(0, limit));
      outputTokens = limit;
      stopReason = 'max_tokens';
    }
  }
  const thinking = (body.additionalModelRequestFields as { thinking?: { type?: string } } | undefined)?.thinking?.type === 'enabled';
  const reasoningTokens = fault.reasoning ?? (thinking ? 12 : 0);
  const reasoningText = reasoningTokens > 0 ? buildReasoningText(reasoningTokens) : null;
  const { total, cacheWrite } = countPromptTokens(body);
  const cacheRead = fault.cached ?? 0;
  const prompt = Math.max(total, cacheRead);
  // A request served from the cache (cached=N) writes nothing; otherwise cache points write.
  const written = cacheRead > 0 ? 0 : Math.min(cacheWrite, prompt);
  const inputTokens = prompt - cacheRead - written;
  const output = outputTokens + reasoningTokens;
  return {
    reasoning: reasoningText ? { text: reasoningText, signature: signReasoning(reasoningText) } : null,
    text,
    toolUses,
    stopReason: fault.finish ?? stopReason,
    usage: {
      inputTokens,
      outputTokens: output,
      totalTokens: inputTokens + cacheRead + written + output,
      cacheReadInputTokens: cacheRead,
      cacheWriteInputTokens: written,
    },
  };
}

/**
 * Prompt tokens of system, messages and tool specs; `cacheWrite` is the count up to the
 * last `cachePoint` (what a first request with cache points writes to the cache).
 */
function countPromptTokens(body: Record<string, unknown>): { total: number; cacheWrite: number } {
  let total = 3;
  let cacheWrite = 0;
  const visit = (blocks: unknown) => {
    if (!Array.isArray(blocks)) return;
    for (const block of blocks as Block[]) {
      if (typeof block.text === 'string') total += countTextTokens(block.text);
      else if (block.toolUse) total += countTextTokens(JSON.stringify(block.toolUse));
      else if (block.toolResult) total += countTextTokens(JSON.stringify((block.toolResult as Block).content ?? ''));
      else if (block.image) total += 85;
      else if (block.reasoningContent) total += countTextTokens(JSON.stringify(block.reasoningContent));
      else if (block.cachePoint) cacheWrite = total;
    }
  };
  const tools = (body.toolConfig as { tools?: unknown[] } | undefined)?.tools;
  if (Array.isArray(tools)) total += countTextTokens(JSON.stringify(tools));
  visit(body.system);
  for (const message of Array.isArray(body.messages) ? (body.messages as Message[]) : []) {
    total += 3;
    visit(message.content);
  }
  return { total, cacheWrite };
}

interface ToolSpec {
  toolSpec?: { name?: string; inputSchema?: { json?: unknown } };
}

function planToolUses(body: Record<string, unknown>, fault: SimFault, seq: number): PlannedToolUse[] {
  const config = body.toolConfig as { tools?: ToolSpec[]; toolChoice?: { auto?: unknown; any?: unknown; tool?: { name?: string } } } | undefined;
  const tools = (config?.tools ?? []).filter((tool) => typeof tool.toolSpec?.name === 'string');
  if (tools.length === 0) return [];
  const choice = config?.toolChoice;
  let chosen: ToolSpec[];
  if (choice?.tool?.name) {
    chosen = tools.filter((tool) => tool.toolSpec?.name === choice.tool?.name).slice(0, 1);
  } else {
    // After a tool result an "auto" model answers in text, so agent loops end.
    if (!choice?.any && lastTurnHasToolResult(body)) return [];
    chosen = tools.slice(0, fault.tools === 'parallel' ? 2 : 1);
  }
  return chosen.map((tool, index) => ({
    toolUseId: `tooluse_sim${String(seq).padStart(6, '0')}x${index}`,
    name: tool.toolSpec?.name as string,
    input: buildToolArguments(tool.toolSpec?.inputSchema?.json),
  }));
}

function lastTurnHasToolResult(body: Record<string, unknown>): boolean {
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  const last = messages[messages.length - 1];
  return Array.isArray(last?.content) && last.content.some((block) => block.toolResult !== undefined);
}

function buildReasoningText(tokens: number): string {
  const count = Math.min(tokens, 48);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(REASONING_WORDS[i % REASONING_WORDS.length] as string);
  return words.join(' ');
}
