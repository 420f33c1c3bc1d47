import type { FinishReason } from '../../core/canonical/finish-reason.js';
import type { TokenCounts } from '../../core/canonical/usage.js';
import type { Provider } from '../../core/provider-types.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { streamedError } from './openai-chat-adapter.js';
import { rewriteOpenAIChunk, type ChunkStamp } from './rewrite-openai-chunk.js';

/** What the fast path records about a stream as frames pass (the relay's tally implements it). */
export interface OpenAIFrameTally {
  upstreamId: string | null;
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  tokens: TokenCounts | undefined;
  /** Keeps a relayed frame, for counting its text when the upstream reports no usage. */
  retain(frame: string): void;
  /** Keeps the text of a relayed content-only frame (as escaped in JSON), for the same count. */
  retainText(escaped: string): void;
}

/** One stream's fast-path state: built once per stream, passed with every frame. */
export interface OpenAIFrameRelay {
  stamp: ChunkStamp;
  tally: OpenAIFrameTally;
  provider: Provider;
  /** The upstream's envelope (every member before `"choices"`) and its restamped form, once learned; null when it has none we can reuse. */
  envelope?: StampedEnvelope | null;
}

interface StampedEnvelope {
  /** The members before `"choices"` and the start of a content choice. */
  upstream: string;
  /** The length of the members before `"choices"` (up to and with their last comma). */
  membersLength: number;
  /** The upstream's id, as it came (an id with an escape learns no envelope). */
  upstreamId: string;
  stamped: string;
}

/**
 * A chunk with a finish reason, usage, an error or DeepSeek's `reasoning_content` is parsed; the
 * rest are restamped as text. One pass of one pattern (four `includes` cost four times as much).
 * The keys are matched without their opening quote, so a longer key that ends the same way
 * (`native_finish_reason`) also parses, which is merely slower; a key's closing quote cannot
 * occur unescaped inside a JSON string, so content never matches.
 */
const NEEDS_PARSE = /finish_reason":"|usage":\{|error":|reasoning_content"/;

/**
 * Fast path for one OpenAI chunk: returns the payload to forward, or undefined when the
 * chunk only carried usage (held back for the final, priced usage chunk).
 */
export function relayOpenAIFrame(data: string, context: OpenAIFrameRelay): string | undefined {
  const { stamp, tally, envelope } = context;
  // A slice compared with `===` is several times faster than startsWith for a prefix this long.
  if (envelope) {
    // The common chunk: the stream's envelope, then one choice with a text delta and nothing else.
    // Else the one finish chunk: the envelope, an empty delta and a plain finish reason.
    const payload =
      data.slice(0, envelope.upstream.length) === envelope.upstream ? relayContentFrame(data, envelope, tally) : relayFinishFrame(data, envelope, tally);
    if (payload !== undefined) return payload;
  }
  if (!NEEDS_PARSE.test(data)) {
    const rewritten = rewriteOpenAIChunk(data, stamp);
    if (rewritten !== undefined) {
      tally.retain(data);
      if (envelope === undefined) context.envelope = learnEnvelope(data, stamp);
      return rewritten;
    }
  }
  let chunk: Record<string, unknown>;
  try {
    chunk = JSON.parse(data) as Record<string, unknown>;
  } catch {
    throw invalidResponse(context.provider.name, 'stream chunk is not valid JSON', data);
  }
  if (chunk.error) throw streamedError(chunk.error, context.provider);
  // `||`: Azure's first chunk (prompt filter results) has `id: ""`; the next one has the real id.
  tally.upstreamId ||= typeof chunk.id === 'string' && chunk.id ? chunk.id : null;
  const tokens = convertOpenAIUsage(chunk.usage);
  if (tokens) tally.tokens = tokens;
  const choices = Array.isArray(chunk.choices) ? (chunk.choices as Array<Record<string, unknown>>) : [];
  if (choices.length === 0) return undefined;
  for (const choice of choices) {
    const delta = choice.delta as Record<string, unknown> | undefined;
    if (delta && typeof delta.reasoning_content === 'string') {
      delta.reasoning ??= delta.reasoning_content;
      delete delta.reasoning_content;
    }
    if (typeof choice.finish_reason === 'string') {
      choice.native_finish_reason ??= choice.finish_reason;
      choice.finish_reason = mapOpenAIFinishReason(choice.finish_reason);
      tally.finishReason = choice.finish_reason as FinishReason;
      tally.nativeFinishReason = choice.native_finish_reason as string;
    }
  }
  tally.retain(data);
  const { usage: _usage, id: _id, model: _model, provider: upstreamProvider, ...rest } = chunk;
  if (rest.system_fingerprint === null) delete rest.system_fingerprint;
  return JSON.stringify({ id: stamp.generationId, provider: upstreamProvider ?? stamp.providerName, model: stamp.model, ...rest });
}

/** What follows the envelope in a content chunk, up to the content's opening quote. */
const CONTENT_CHOICE_HEAD = '"choices":[{"index":0,"delta":{"content":"';

/**
 * What may follow the content's closing quote (OpenAI's layouts, with and without logprobs and a
 * null usage), each with what is forwarded in its place: the null usage is dropped.
 */
const CONTENT_CHOICE_TAILS: ReadonlyArray<readonly [string, string]> = [
  ['"},"logprobs":null,"finish_reason":null}],"usage":null}', '"},"logprobs":null,"finish_reason":null}]}'],
  ['"},"logprobs":null,"finish_reason":null}]}', '"},"logprobs":null,"finish_reason":null}]}'],
  ['"},"finish_reason":null}],"usage":null}', '"},"finish_reason":null}]}'],
  ['"},"finish_reason":null}]}', '"},"finish_reason":null}]}'],
];

/**
 * A chunk that is the stream's envelope, one choice whose delta is only `content`, a null finish
 * reason and nothing else but a null usage needs no parse and no search: what rewriteOpenAIChunk
 * would make of it is the restamped envelope, the content as it came, and the tail without the
 * null usage. Undefined for any other chunk. The content is kept for the fallback count as it
 * is escaped in JSON (the tally decodes it).
 */
function relayContentFrame(data: string, envelope: StampedEnvelope, tally: OpenAIFrameTally): string | undefined {
  const from = envelope.upstream.length;
  // The content's closing quote: the first quote not escaped by an odd number of backslashes.
  let quote = data.indexOf('"', from);
  for (;;) {
    if (quote < 0) return undefined;
    let backslashes = 0;
    while (data.charCodeAt(quote - 1 - backslashes) === 92 /* '\\' */) backslashes += 1;
    if ((backslashes & 1) === 0) break;
    quote = data.indexOf('"', quote + 1);
  }
  const rest = data.length - quote;
  for (const [tail, forwarded] of CONTENT_CHOICE_TAILS) {
    // A slice compared with `===`, not endsWith (which compares character by character here).
    if (tail.length === rest && data.slice(quote) === tail) {
      tally.retainText(data.slice(from, quote));
      return `${envelope.stamped}${data.slice(from - CONTENT_CHOICE_HEAD.length, quote)}${forwarded}`;
    }
  }
  return undefined;
}

/** What may follow the envelope in a finish chunk, up to the finish reason's opening quote (with and without logprobs). */
const FINISH_CHOICE_HEADS = ['"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"', '"choices":[{"index":0,"delta":{},"finish_reason":"'];
/** What may follow the finish reason's closing quote: the null usage is dropped, as the parse path drops it. */
const FINISH_CHOICE_TAILS = ['"}],"usage":null}', '"}]}'];

/**
 * A chunk that is the stream's envelope and one choice with an empty delta, a finish reason of
 * lower-case letters and underscores and nothing else but a null usage is what the parse path
 * would make of it without a parse: the restamped envelope, the choice with the mapped reason and
 * `native_finish_reason` after it (the members in the order the parse path writes them), no
 * usage. The envelope's members keep their order, as in content chunks. Undefined for any other chunk.
 */
function relayFinishFrame(data: string, envelope: StampedEnvelope, tally: OpenAIFrameTally): string | undefined {
  const from = envelope.membersLength;
  if (data.slice(0, from) !== envelope.upstream.slice(0, from)) return undefined;
  const head = FINISH_CHOICE_HEADS.find((candidate) => data.startsWith(candidate, from));
  if (head === undefined) return undefined;
  const reasonAt = from + head.length;
  let end = reasonAt;
  for (let code = data.charCodeAt(end); (code >= 97 && code <= 122) || code === 95; code = data.charCodeAt(++end));
  if (end === reasonAt) return undefined;
  const rest = data.length - end;
  if (!FINISH_CHOICE_TAILS.some((tail) => tail.length === rest && data.endsWith(tail))) return undefined;
  const native = data.slice(reasonAt, end);
  const finishReason = mapOpenAIFinishReason(native) as FinishReason;
  tally.upstreamId ||= envelope.upstreamId;
  tally.finishReason = finishReason;
  tally.nativeFinishReason = native;
  return `${envelope.stamped}${head}${finishReason}","native_finish_reason":"${native}"}]}`;
}

const EMPTY_CHOICES = '"choices":[]}';

/**
 * The envelope of a frame rewriteOpenAIChunk accepted: its members before `"choices"` (and the
 * start of a content choice, which content chunks then begin with), the members restamped by
 * rewriteOpenAIChunk itself (with an empty choice list in place of the rest). Null when the
 * frame has another layout, or an envelope whose rewrite could depend on what follows it (a
 * usage member, whose null is dropped differently at the end of a frame).
 */
function learnEnvelope(data: string, stamp: ChunkStamp): StampedEnvelope | null {
  const at = data.indexOf(',"choices":[');
  if (at < 0) return null;
  const upstream = data.slice(0, at + 1);
  if (upstream.includes('usage":') || NEEDS_PARSE.test(upstream)) return null;
  const stamped = rewriteOpenAIChunk(upstream + EMPTY_CHOICES, stamp);
  if (stamped === undefined || !stamped.endsWith(EMPTY_CHOICES)) return null;
  // Flat copies: a comparison with a concatenation (a cons string) goes character by character
  // in the runtime, several times slower, and a slice would hold the whole upstream read alive.
  return {
    upstream: flatCopy(upstream + CONTENT_CHOICE_HEAD),
    membersLength: upstream.length,
    upstreamId: flatCopy(upstream.slice(7, upstream.indexOf('"', 7))),
    stamped: flatCopy(stamped.slice(0, -EMPTY_CHOICES.length)),
  };
}

/** A sequential string with the same characters, referring to no other string. */
function flatCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** The text in relayed OpenAI frames (content, reasoning, tool arguments), for counting tokens ourselves. */
export function readOpenAIFramesText(frames: readonly string[]): string {
  let text = '';
  for (const frame of frames) {
    try {
      const chunk = JSON.parse(frame) as { choices?: Array<{ delta?: { content?: string; reasoning?: string; tool_calls?: Array<{ function?: { arguments?: string } }> } }> };
      for (const choice of chunk.choices ?? []) {
        text += (choice.delta?.content ?? '') + (choice.delta?.reasoning ?? '');
        for (const call of choice.delta?.tool_calls ?? []) text += call.function?.arguments ?? '';
      }
    } catch {
      // A frame we could not parse was already rejected by relayOpenAIFrame.
    }
  }
  return text;
}
