import { createHash } from 'node:crypto';
import { countTextTokens } from '../shared/count-text-tokens.js';

/** Prompt tokens, split as Anthropic reports them. */
export interface PromptCount {
  /** Every prompt token. */
  total: number;
  /** Tokens up to the last `cache_control` breakpoint, when that prefix was cached before. */
  cacheRead: number;
  /** Tokens up to the last breakpoint, when that prefix is new (and now cached). */
  cacheWrite: number;
}

type Block = { type?: unknown; text?: unknown; content?: unknown; input?: unknown; name?: unknown; thinking?: unknown; cache_control?: unknown };

// Framing per message and to prime the reply, in the spirit of the OpenAI cookbook rule.
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
/** A flat estimate per image; real Claude costs ≈ width×height/750 tokens. */
const IMAGE_TOKENS = 100;

/**
 * Counts a request's prompt (tools, then system, then messages, which is the order Anthropic
 * caches in) and simulates prompt caching: the prefix up to the last `cache_control`
 * breakpoint (or everything, with top-level `cache_control`) is a cache write the first time
 * this simulator sees it and a cache read afterwards. Unlike Anthropic, any length caches.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export function countAnthropicPrompt(body: Record<string, unknown>, cache: Set<string>): PromptCount {
  const segments: Array<{ tokens: number; key: string; breakpoint: boolean }> = [];
  const add = (value: unknown, tokens: number, breakpoint: boolean) => segments.push({ tokens, key: JSON.stringify(value), breakpoint });
  for (const tool of Array.isArray(body.tools) ? (body.tools as Block[]) : []) add(tool, countTextTokens(JSON.stringify(tool)), Boolean(tool?.cache_control));
  const system = typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : Array.isArray(body.system) ? (body.system as Block[]) : [];
  for (const block of system) add(block, countTextTokens(String(block?.text ?? '')), Boolean(block?.cache_control));
  for (const message of Array.isArray(body.messages) ? (body.messages as Array<{ role?: unknown; content?: unknown }>) : []) {
    const blocks = typeof message?.content === 'string' ? [{ type: 'text', text: message.content }] : Array.isArray(message?.content) ? (message.content as Block[]) : [];
    add(message?.role, PER_MESSAGE, false);
    for (const block of blocks) add(block, countBlock(block), Boolean(block?.cache_control));
  }
  let total = REPLY_PRIMING;
  for (const segment of segments) total += segment.tokens;

  let last = -1;
  segments.forEach((segment, index) => {
    if (segment.breakpoint) last = index;
  });
  if (body.cache_control && segments.length > 0) last = segments.length - 1;
  if (last < 0) return { total, cacheRead: 0, cacheWrite: 0 };
  const hash = createHash('sha256').update(String(body.model));
  let prefix = 0;
  for (const segment of segments.slice(0, last + 1)) {
    hash.update(segment.key);
    prefix += segment.tokens;
  }
  const key = hash.digest('hex');
  if (cache.has(key)) return { total, cacheRead: prefix, cacheWrite: 0 };
  cache.add(key);
  return { total, cacheRead: 0, cacheWrite: prefix };
}

function countBlock(block: Block): number {
  switch (block?.type) {
    case 'text':
      return countTextTokens(String(block.text ?? ''));
    case 'image':
    case 'document':
      return IMAGE_TOKENS;
    case 'tool_use':
      return countTextTokens(String(block.name ?? '')) + countTextTokens(JSON.stringify(block.input ?? {}));
    case 'tool_result':
      return typeof block.content === 'string'
        ? countTextTokens(block.content)
        : Array.isArray(block.content)
          ? (block.content as Block[]).reduce((sum, inner) => sum + countBlock(inner), 0)
          : 0;
    case 'thinking':
      return countTextTokens(String(block.thinking ?? ''));
    default:
      return 0;
  }
}
