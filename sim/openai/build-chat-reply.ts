import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { buildEchoText } from '../shared/build-echo-text.js';
import { buildToolArguments } from '../shared/build-tool-arguments.js';
import { countTextTokens } from '../shared/count-text-tokens.js';
import type { SimFault } from './openai-sim-types.js';
import { readMessageText } from './read-message-text.js';

/** One tool call the simulated model makes. */
export interface PlannedToolCall {
  id: string;
  name: string;
  /** JSON-encoded, as OpenAI sends it. */
  arguments: string;
}

/** OpenAI chat usage, details included. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/** Everything needed to render a reply, streamed or not. */
export interface ChatReplyPlan {
  id: string;
  created: number;
  model: string;
  /** null when the reply is tool calls, as OpenAI does. */
  content: string | null;
  /** Exact stream chunks of the content, when the request fixed them (`sim_reply_chunks`). */
  contentChunks: string[] | null;
  reasoning: string | null;
  toolCalls: PlannedToolCall[];
  finishReason: string;
  usage: ChatUsage;
}

/** Inputs of {@link buildChatReply}. */
export interface ChatReplyInput {
  body: Record<string, unknown>;
  /** Last user message text with directives stripped. */
  prompt: string;
  fault: SimFault;
  seq: number;
}

// OpenAI cookbook accounting: ~3 tokens of framing per message, 1 more when a
// name is given, and 3 to prime the assistant reply.
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
const REASONING_WORDS = ['Let', 'me', 'think', 'about', 'this', 'request', 'step', 'by', 'step.'];

/**
 * Decide the simulated model's reply to a chat request: echo text or tool
 * calls, optional reasoning, finish reason and realistic token usage.
 */
export function buildChatReply(input: ChatReplyInput): ChatReplyPlan {
  const { body, fault, seq } = input;
  const toolCalls = planToolCalls(body, fault, seq);
  const contentChunks = readReplyChunks(body);
  let content: string | null = null;
  let finishReason = 'tool_calls';
  let completionTokens = 0;
  if (toolCalls.length > 0) {
    for (const call of toolCalls) completionTokens += countTextTokens(call.name) + countTextTokens(call.arguments);
  } else {
    content = contentChunks ? contentChunks.join('') : (structuredReply(body) ?? buildEchoText(input.prompt, fault.words));
    finishReason = 'stop';
    completionTokens = countTextTokens(content);
    const limit = readMaxTokens(body);
    if (limit !== undefined && completionTokens > limit) {
      // Cut on a token boundary, like a real model hitting max_tokens.
      content = decode(encode(content).slice(0, limit));
      completionTokens = limit;
      finishReason = 'length';
    }
  }
  const reasoningTokens = fault.reasoning ?? 0;
  const reasoning = reasoningTokens > 0 ? buildReasoningText(reasoningTokens) : null;
  const promptTokens = Math.max(countPromptTokens(body), fault.cached ?? 0);
  const completion = completionTokens + reasoningTokens;
  return {
    id: `chatcmpl-sim${String(seq).padStart(10, '0')}`,
    created: Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' ? body.model : 'gpt-4o-mini',
    content,
    contentChunks,
    reasoning,
    toolCalls,
    finishReason: fault.finish ?? finishReason,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completion,
      total_tokens: promptTokens + completion,
      // cached never exceeds prompt: prompt_tokens includes cached_tokens.
      prompt_tokens_details: { cached_tokens: fault.cached ?? 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: reasoningTokens,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
  };
}

/**
 * With `response_format: json_schema`, OpenAI's structured outputs answer with JSON matching
 * the schema; the simulator builds it like tool arguments (string → "value", number → 1, …).
 */
function structuredReply(body: Record<string, unknown>): string | undefined {
  const format = body.response_format as { type?: unknown; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type !== 'json_schema' || !format.json_schema?.schema) return undefined;
  return JSON.stringify(buildToolArguments(format.json_schema.schema));
}

/**
 * `sim_reply_chunks: string[]` in the body (a simulator-only field) fixes the reply text and
 * how it is split into stream chunks, e.g. a card number cut across two chunks. It rides
 * outside the messages, so a gateway's input filters leave it alone.
 */
function readReplyChunks(body: Record<string, unknown>): string[] | null {
  const chunks = body.sim_reply_chunks;
  if (!Array.isArray(chunks) || chunks.length === 0 || !chunks.every((c) => typeof c === 'string')) return null;
  return chunks as string[];
}

function readMaxTokens(body: Record<string, unknown>): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Prompt tokens of every message plus framing, plus the tool definitions. */
function countPromptTokens(body: Record<string, unknown>): number {
  let total = REPLY_PRIMING;
  if (Array.isArray(body.messages)) {
    for (const raw of body.messages as Array<Record<string, unknown>>) {
      total += PER_MESSAGE + countTextTokens(readMessageText(raw?.content));
      if (typeof raw?.name === 'string') total += 1 + countTextTokens(raw.name);
      if (Array.isArray(raw?.tool_calls)) {
        for (const call of raw.tool_calls as Array<{ function?: { name?: string; arguments?: string } }>) {
          total += countTextTokens(call.function?.name ?? '') + countTextTokens(call.function?.arguments ?? '');
        }
      }
    }
  }
  // Tool schemas are rendered into the prompt upstream; their JSON is a fair proxy.
  if (Array.isArray(body.tools) && body.tools.length > 0) total += countTextTokens(JSON.stringify(body.tools));
  return total;
}

interface FunctionTool {
  type?: string;
  function?: { name?: string; parameters?: unknown };
}

/** Which tools to call, if any, following `tool_choice` and the directives. */
function planToolCalls(body: Record<string, unknown>, fault: SimFault, seq: number): PlannedToolCall[] {
  const tools = Array.isArray(body.tools)
    ? (body.tools as FunctionTool[]).filter((t) => t?.type === 'function' && typeof t.function?.name === 'string')
    : [];
  const choice = body.tool_choice;
  if (tools.length === 0 || choice === 'none') return [];
  let chosen: FunctionTool[];
  if (typeof choice === 'object' && choice !== null) {
    const name = (choice as { function?: { name?: string } }).function?.name;
    chosen = tools.filter((t) => t.function?.name === name).slice(0, 1);
    if (chosen.length === 0) chosen = tools.slice(0, 1);
  } else {
    // After a tool result, an "auto" model answers in text; otherwise an
    // agent loop through the gateway would never end.
    if (choice !== 'required' && lastMessageRole(body) === 'tool') return [];
    const parallel = fault.tools === 'parallel' && body.parallel_tool_calls !== false;
    chosen = tools.slice(0, parallel ? 2 : 1);
  }
  return chosen.map((tool, index) => ({
    id: `call_sim${String(seq).padStart(8, '0')}x${index}`,
    name: tool.function?.name as string,
    arguments: JSON.stringify(buildToolArguments(tool.function?.parameters)),
  }));
}

function lastMessageRole(body: Record<string, unknown>): unknown {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  return (messages[messages.length - 1] as { role?: unknown } | null)?.role;
}

/** Visible reasoning text; capped so large token counts do not mean huge streams. */
function buildReasoningText(tokens: number): string {
  const count = Math.min(tokens, 48);
  const words = new Array<string>(count);
  for (let i = 0; i < count; i++) words[i] = REASONING_WORDS[i % REASONING_WORDS.length] as string;
  return words.join(' ');
}
