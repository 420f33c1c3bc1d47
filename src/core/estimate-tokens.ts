import type { ChatMessage, ChatRequest } from './canonical/chat-request.js';
import type { TokenCounts } from './canonical/usage.js';
import { TokenCounter, withTokenizer } from './token-counter.js';

/**
 * Exact tokenizer work one synchronous estimate may do (characters). Beyond it texts count as
 * their UTF-8 byte length, an upper bound, so no synchronous estimate holds the event loop for
 * more than a few milliseconds whatever the body.
 */
export const SYNC_EXACT_CHARS = 16_384;
/**
 * Exact tokenizer work per request when counted cooperatively (measurePromptTokens, completion
 * text of a generation without usage): about a quarter of a million tokens of prose. Beyond it
 * the byte-length bound applies; no model's prompt that large is cheaper to count exactly.
 */
export const ASYNC_EXACT_CHARS = 1_000_000;

/**
 * Token estimates with a real BPE tokenizer (o200k), for upstreams that report no usage and for
 * budget reservations. Per-message overhead follows OpenAI's chat format (3 + 1 per name).
 * Counting is bounded (see TokenCounter): exact within a budget, an upper bound beyond it.
 */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : new TokenCounter(SYNC_EXACT_CHARS).count(text);
}

/**
 * Counts already taken, per message object and per tools array: the rate limiter, routing,
 * middle-out and the budget reservation all ask for the same request's count, and guardrails
 * that redact replace the messages with new objects, so a stale count is never reused.
 */
const counted = new WeakMap<object, number>();

/**
 * The request's prompt tokens: counted ahead by measurePromptTokens (cooperatively, exact for
 * any reasonable prompt), else here with a small exact budget and the byte bound beyond it.
 */
export function estimatePromptTokens(request: ChatRequest): number {
  const messages = request.messages ?? [];
  const { tools } = request;
  // The texts not counted yet, in order, counted in one round trip to the tokenizer thread
  // (nothing is remembered before it: see withTokenizer).
  const fresh = new Map<object, string[]>();
  for (const message of messages) if (!counted.has(message) && !fresh.has(message)) fresh.set(message, messageTexts(message));
  if (tools && !counted.has(tools)) fresh.set(tools, [JSON.stringify(tools)]);
  if (fresh.size > 0) {
    const counts = new TokenCounter(SYNC_EXACT_CHARS).countEach([...fresh.values()].flat());
    let next = 0;
    for (const [key, texts] of fresh) {
      let tokens = key === tools ? 0 : messageOverhead(key as ChatMessage);
      for (let i = 0; i < texts.length; i += 1) tokens += counts[next++] ?? 0;
      remember(key, tokens);
    }
  }
  let total = 3;
  for (const message of messages) total += counted.get(message) ?? 0;
  if (tools) total += counted.get(tools) ?? 0;
  return total;
}

/** estimatePromptTokens, loading the tokenizer first (without holding the event loop) if it is not yet. */
export async function countPromptTokens(request: ChatRequest): Promise<number> {
  await measurePromptTokens(request);
  return withTokenizer(() => estimatePromptTokens(request));
}

/**
 * An upper bound on estimatePromptTokens that needs no tokenizer: the same chat-format overhead,
 * and each text's UTF-8 byte length in place of its token count (o200k is a byte-level BPE: every
 * token is at least one byte, so no text has more tokens than bytes). Counts already taken are
 * reused as they are. Lets a capped request reserve its worst case without loading or running the
 * tokenizer when the bound fits the budget anyway (RequestBilling.reserve).
 */
export function estimatePromptTokensUpperBound(request: ChatRequest): number {
  let total = 3;
  for (const message of request.messages ?? []) total += counted.get(message) ?? countMessage(message, utf8Bytes);
  const { tools } = request;
  if (tools) total += counted.get(tools) ?? utf8Bytes(JSON.stringify(tools));
  return total;
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Counts the request's prompt ahead of the synchronous estimates, yielding to the event loop as
 * it goes, so one huge prompt never stalls other requests. Later estimates reuse these counts.
 */
export function measurePromptTokens(request: ChatRequest): Promise<void> | undefined {
  // A prompt within the synchronous budget is counted exactly by estimatePromptTokens, and only
  // if a stage asks (a capped key, a rate limit on tokens, several endpoints to price): counting
  // it here would tokenize every request for nothing. Nor is a promise made for it.
  if (!request.tools && promptChars(request) <= SYNC_EXACT_CHARS) return undefined;
  return countAhead(request);
}

async function countAhead(request: ChatRequest): Promise<void> {
  const counter = new TokenCounter(ASYNC_EXACT_CHARS);
  for (const message of request.messages ?? []) {
    if (counted.has(message)) continue;
    let tokens = 0;
    for (const text of messageTexts(message)) tokens += await counter.countAsync(text);
    remember(message, tokens + messageOverhead(message));
  }
  const { tools } = request;
  if (tools && !counted.has(tools)) remember(tools, await counter.countAsync(JSON.stringify(tools)));
}

/**
 * Counts for a generation whose upstream reported no usage: the prompt estimated from the
 * request, the completion counted over the text that came back (cooperatively). Both the streamed
 * and the non-streamed path use this, so neither ever bills a generation at zero for lack of usage.
 */
export async function estimateTokenCounts(options: { request: ChatRequest; completionText: string }): Promise<TokenCounts> {
  return {
    promptTokens: await withTokenizer(() => estimatePromptTokens(options.request)),
    completionTokens: await new TokenCounter(ASYNC_EXACT_CHARS).countAsync(options.completionText),
    cachedReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  };
}

/** Characters the tokenizer would read from the messages (tools aside). */
function promptChars(request: ChatRequest): number {
  let chars = 0;
  for (const message of request.messages ?? []) chars += sumMessageTexts(message, textLength);
  return chars;
}

const textLength = (text: string): number => text.length;

function remember(key: object, tokens: number): number {
  counted.set(key, tokens);
  return tokens;
}

function countMessage(message: ChatMessage, count: (text: string) => number): number {
  return messageOverhead(message) + sumMessageTexts(message, count);
}

/** `measure` summed over the texts of a message the tokenizer counts (content text parts, tool call names and arguments). */
function sumMessageTexts(message: ChatMessage, measure: (text: string) => number): number {
  const { content } = message;
  let total = 0;
  if (typeof content === 'string') total += measure(content);
  else if (Array.isArray(content)) {
    for (const part of content) if (part.type === 'text' && typeof part.text === 'string') total += measure(part.text);
  }
  for (const call of message.tool_calls ?? []) total += measure(call.function.name) + measure(call.function.arguments);
  return total;
}

/** 3 per message, 1 for a name, 85 per image (OpenAI's low-detail tile). */
function messageOverhead(message: ChatMessage): number {
  let tokens = message.name ? 4 : 3;
  if (Array.isArray(message.content)) for (const part of message.content) if (part.type === 'image_url') tokens += 85;
  return tokens;
}

/** The texts of a message the tokenizer counts: content text parts, tool call names and arguments. */
function messageTexts(message: ChatMessage): string[] {
  const texts: string[] = [];
  sumMessageTexts(message, (text) => texts.push(text));
  return texts;
}

/**
 * Tokens of embedding inputs (their text only: no chat framing), counted cooperatively; what an
 * embeddings generation is billed when the upstream reports no count (Gemini).
 */
export async function countInputTokens(inputs: readonly string[]): Promise<number> {
  const counter = new TokenCounter(ASYNC_EXACT_CHARS);
  let total = 0;
  for (const input of inputs) total += await counter.countAsync(input);
  return total;
}
