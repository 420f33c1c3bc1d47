import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { buildEchoText } from '../shared/build-echo-text.js';
import { buildToolArguments } from '../shared/build-tool-arguments.js';
import { countTextTokens } from '../shared/count-text-tokens.js';
import { splitIntoWordPieces } from '../shared/split-into-word-pieces.js';
import type { GeminiRequestContext } from './gemini-sim-types.js';
import { SIM_IMAGE_TOKENS, type GeminiImagePlan } from './plan-gemini-image.js';

type Part = Record<string, unknown>;
type Content = { role?: string; parts?: Part[] };

/** Gemini bills an image at a flat 258 tokens. */
const IMAGE_TOKENS = 258;
const THOUGHT_TEXT = '**Thinking it through**\n\nLet me think about this request step by step.';

/** Everything needed to render one reply, whole or as a stream. */
export interface GeminiReplyPlan {
  responseId: string;
  model: string;
  thoughts: string | null;
  /** Reply text (null when the reply is function calls). */
  text: string | null;
  calls: Array<{ name: string; args: unknown }>;
  /** Signature on the first function call, or on the last text part. */
  signature: string | null;
  finishReason: string;
  /** A generated image (base64 PNG), sent after the text. */
  image: string | null;
  usage: {
    promptTokenCount: number;
    candidatesTokenCount: number;
    thoughtsTokenCount?: number;
    cachedContentTokenCount?: number;
    totalTokenCount: number;
    candidatesTokensDetails?: Array<{ modality: string; tokenCount: number }>;
  };
}

/** Decides the simulated model's reply: echo text, JSON, or function calls; thoughts; usage. */
export function buildGeminiReply(ctx: GeminiRequestContext, image?: GeminiImagePlan): GeminiReplyPlan {
  const { body, fault, seq } = ctx;
  const generation = (body.generationConfig ?? {}) as Record<string, unknown>;
  const thinking = (generation.thinkingConfig ?? {}) as { includeThoughts?: unknown };
  const calls = planCalls(body, fault.tools === 'parallel');
  let text: string | null = null;
  let finishReason = 'STOP';
  let candidates = 0;
  if (calls.length > 0) {
    for (const call of calls) candidates += countTextTokens(call.name) + countTextTokens(JSON.stringify(call.args));
  } else {
    text = replyText(ctx, generation);
    candidates = countTextTokens(text);
    const limit = typeof generation.maxOutputTokens === 'number' ? generation.maxOutputTokens : undefined;
    if (limit !== undefined && candidates > limit) {
      text = decode(encode(text).slice(0, limit));
      candidates = limit;
      finishReason = 'MAX_TOKENS';
    }
  }
  if (image?.imageOnly) {
    text = null;
    candidates = 0;
  }
  const textTokens = candidates;
  if (image) candidates += SIM_IMAGE_TOKENS;
  const thoughtTokens = fault.reasoning ?? 0;
  const cached = fault.cached ?? 0;
  const prompt = Math.max(countPromptTokens(body), cached);
  // Gemini 3 signs every function-call turn, and text turns when it thought.
  const signature = calls.length > 0 || thoughtTokens > 0 ? Buffer.from(`sim-signature:${seq}`).toString('base64') : null;
  if (signature) ctx.signatures.add(signature);
  const usage: GeminiReplyPlan['usage'] = { promptTokenCount: prompt, candidatesTokenCount: candidates, totalTokenCount: prompt + candidates + thoughtTokens };
  if (thoughtTokens > 0) usage.thoughtsTokenCount = thoughtTokens;
  if (cached > 0) usage.cachedContentTokenCount = cached;
  if (image) {
    usage.candidatesTokensDetails = [
      ...(textTokens > 0 ? [{ modality: 'TEXT', tokenCount: textTokens }] : []),
      { modality: 'IMAGE', tokenCount: SIM_IMAGE_TOKENS },
    ];
  }
  return {
    responseId: `simresp${String(seq).padStart(8, '0')}`,
    model: ctx.model,
    thoughts: thoughtTokens > 0 && thinking.includeThoughts === true ? THOUGHT_TEXT : null,
    text,
    calls,
    signature,
    finishReason: fault.finish ?? finishReason,
    image: image?.data ?? null,
    usage,
  };
}

/** Echo text, or a JSON document when `responseMimeType` asks for JSON. */
function replyText(ctx: GeminiRequestContext, generation: Record<string, unknown>): string {
  if (generation.responseMimeType === 'application/json') {
    const schema = generation.responseJsonSchema ?? generation.responseSchema;
    return JSON.stringify(schema ? buildToolArguments(schema) : { echo: buildEchoText(ctx.prompt) });
  }
  return buildEchoText(ctx.prompt, ctx.fault.words);
}

interface Declaration {
  name?: unknown;
  parameters?: unknown;
  parametersJsonSchema?: unknown;
}

/** Function calls per `toolConfig`: none after a function response (so agent loops end) unless ANY. */
function planCalls(body: Record<string, unknown>, parallel: boolean): Array<{ name: string; args: unknown }> {
  const declarations = ((body.tools ?? []) as Array<{ functionDeclarations?: Declaration[] }>).flatMap((tool) => tool.functionDeclarations ?? []);
  const usable = declarations.filter((declaration) => typeof declaration.name === 'string');
  const config = ((body.toolConfig as { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } } | undefined)?.functionCallingConfig) ?? {};
  const mode = config.mode ?? 'AUTO';
  if (usable.length === 0 || mode === 'NONE') return [];
  const contents = (body.contents ?? []) as Content[];
  const last = contents[contents.length - 1];
  if (mode !== 'ANY' && last?.parts?.some((part) => part.functionResponse)) return [];
  const allowed = config.allowedFunctionNames;
  const pool = allowed?.length ? usable.filter((declaration) => allowed.includes(declaration.name as string)) : usable;
  return pool.slice(0, parallel ? 2 : 1).map((declaration) => ({
    name: declaration.name as string,
    args: buildToolArguments(declaration.parameters ?? declaration.parametersJsonSchema ?? {}),
  }));
}

/** Text, function-call JSON and images of the system instruction, contents and tools. */
function countPromptTokens(body: Record<string, unknown>): number {
  let total = 0;
  const count = (parts: Part[] | undefined) => {
    for (const part of parts ?? []) {
      if (typeof part.text === 'string') total += countTextTokens(part.text);
      if (part.functionCall) total += countTextTokens(JSON.stringify(part.functionCall));
      if (part.functionResponse) total += countTextTokens(JSON.stringify(part.functionResponse));
      if (part.inlineData || part.fileData) total += IMAGE_TOKENS;
    }
  };
  count((body.systemInstruction as Content | undefined)?.parts);
  for (const content of (body.contents ?? []) as Content[]) count(content.parts);
  if (Array.isArray(body.tools) && body.tools.length > 0) total += countTextTokens(JSON.stringify(body.tools));
  return Math.max(total, 1);
}

/** A non-streamed GenerateContentResponse. */
export function renderGeminiResponse(plan: GeminiReplyPlan, options: { usage: boolean }): Record<string, unknown> {
  const parts: Part[] = [];
  if (plan.thoughts) parts.push({ text: plan.thoughts, thought: true });
  plan.calls.forEach((call, index) => parts.push({ functionCall: { name: call.name, args: call.args }, ...(index === 0 && plan.signature ? { thoughtSignature: plan.signature } : {}) }));
  if (plan.text !== null) parts.push({ text: plan.text, ...(plan.signature ? { thoughtSignature: plan.signature } : {}) });
  if (plan.image) parts.push({ inlineData: { mimeType: 'image/png', data: plan.image } });
  return {
    candidates: [{ content: { parts, role: 'model' }, finishReason: plan.finishReason, index: 0 }],
    ...(options.usage ? { usageMetadata: plan.usage } : {}),
    modelVersion: plan.model,
    responseId: plan.responseId,
  };
}

/**
 * Stream chunks as Gemini sends them: thoughts first, then one chunk per word (or one chunk
 * with every function call), each with cumulative usage; the last chunk carries the finish
 * reason and, after text, an empty text part with the signature. A generated image comes whole in
 * one chunk after the text.
 */
export function renderGeminiChunks(plan: GeminiReplyPlan, options: { usage: boolean }): Array<Record<string, unknown>> {
  const chunks: Array<{ parts: Part[]; candidates: number }> = [];
  if (plan.thoughts) chunks.push({ parts: [{ text: plan.thoughts, thought: true }], candidates: 0 });
  if (plan.calls.length > 0) {
    const parts = plan.calls.map((call, index) => ({ functionCall: { name: call.name, args: call.args }, ...(index === 0 && plan.signature ? { thoughtSignature: plan.signature } : {}) }));
    chunks.push({ parts, candidates: plan.usage.candidatesTokenCount });
  } else {
    let sent = '';
    for (const piece of splitIntoWordPieces(plan.text ?? '')) {
      sent += piece;
      chunks.push({ parts: [{ text: piece }], candidates: countTextTokens(sent) });
    }
    if (plan.image) chunks.push({ parts: [{ inlineData: { mimeType: 'image/png', data: plan.image } }], candidates: plan.usage.candidatesTokenCount });
    if (plan.signature || chunks.length === 0) chunks.push({ parts: [{ text: '', ...(plan.signature ? { thoughtSignature: plan.signature } : {}) }], candidates: plan.usage.candidatesTokenCount });
  }
  return chunks.map((chunk, index) => {
    const last = index === chunks.length - 1;
    const candidatesTokenCount = last ? plan.usage.candidatesTokenCount : Math.min(chunk.candidates, plan.usage.candidatesTokenCount);
    const usage = { ...plan.usage, candidatesTokenCount, totalTokenCount: plan.usage.totalTokenCount - plan.usage.candidatesTokenCount + candidatesTokenCount };
    return {
      candidates: [{ content: { parts: chunk.parts, role: 'model' }, ...(last ? { finishReason: plan.finishReason } : {}), index: 0 }],
      ...(options.usage ? { usageMetadata: usage } : {}),
      modelVersion: plan.model,
      responseId: plan.responseId,
    };
  });
}
