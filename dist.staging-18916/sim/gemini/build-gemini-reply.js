import { decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { buildEchoText } from "../shared/build-echo-text.js";
import { buildToolArguments } from "../shared/build-tool-arguments.js";
import { countTextTokens } from "../shared/count-text-tokens.js";
import { splitIntoWordPieces } from "../shared/split-into-word-pieces.js";
const IMAGE_TOKENS = 258;
const THOUGHT_TEXT = "**Thinking it through**\n\nLet me think about this request step by step.";
function buildGeminiReply(ctx) {
  const { body, fault, seq } = ctx;
  const generation = body.generationConfig ?? {};
  const thinking = generation.thinkingConfig ?? {};
  const calls = planCalls(body, fault.tools === "parallel");
  let text = null;
  let finishReason = "STOP";
  let candidates = 0;
  if (calls.length > 0) {
    for (const call of calls) candidates += countTextTokens(call.name) + countTextTokens(JSON.stringify(call.args));
  } else {
    text = replyText(ctx, generation);
    candidates = countTextTokens(text);
    const limit = typeof generation.maxOutputTokens === "number" ? generation.maxOutputTokens : void 0;
    if (limit !== void 0 && candidates > limit) {
      text = decode(encode(text).slice(0, limit));
      candidates = limit;
      finishReason = "MAX_TOKENS";
    }
  }
  const thoughtTokens = fault.reasoning ?? 0;
  const cached = fault.cached ?? 0;
  const prompt = Math.max(countPromptTokens(body), cached);
  const signature = calls.length > 0 || thoughtTokens > 0 ? Buffer.from(`sim-signature:${seq}`).toString("base64") : null;
  if (signature) ctx.signatures.add(signature);
  const usage = { promptTokenCount: prompt, candidatesTokenCount: candidates, totalTokenCount: prompt + candidates + thoughtTokens };
  if (thoughtTokens > 0) usage.thoughtsTokenCount = thoughtTokens;
  if (cached > 0) usage.cachedContentTokenCount = cached;
  return {
    responseId: `simresp${String(seq).padStart(8, "0")}`,
    model: ctx.model,
    thoughts: thoughtTokens > 0 && thinking.includeThoughts === true ? THOUGHT_TEXT : null,
    text,
    calls,
    signature,
    finishReason: fault.finish ?? finishReason,
    usage
  };
}
function replyText(ctx, generation) {
  if (generation.responseMimeType === "application/json") {
    const schema = generation.responseJsonSchema ?? generation.responseSchema;
    return JSON.stringify(schema ? buildToolArguments(schema) : { echo: buildEchoText(ctx.prompt) });
  }
  return buildEchoText(ctx.prompt, ctx.fault.words);
}
function planCalls(body, parallel) {
  const declarations = (body.tools ?? []).flatMap((tool) => tool.functionDeclarations ?? []);
  const usable = declarations.filter((declaration) => typeof declaration.name === "string");
  const config = body.toolConfig?.functionCallingConfig ?? {};
  const mode = config.mode ?? "AUTO";
  if (usable.length === 0 || mode === "NONE") return [];
  const contents = body.contents ?? [];
  const last = contents[contents.length - 1];
  if (mode !== "ANY" && last?.parts?.some((part) => part.functionResponse)) return [];
  const allowed = config.allowedFunctionNames;
  const pool = allowed?.length ? usable.filter((declaration) => allowed.includes(declaration.name)) : usable;
  return pool.slice(0, parallel ? 2 : 1).map((declaration) => ({
    name: declaration.name,
    args: buildToolArguments(declaration.parameters ?? declaration.parametersJsonSchema ?? {})
  }));
}
function countPromptTokens(body) {
  let total = 0;
  const count = (parts) => {
    for (const part of parts ?? []) {
      if (typeof part.text === "string") total += countTextTokens(part.text);
      if (part.functionCall) total += countTextTokens(JSON.stringify(part.functionCall));
      if (part.functionResponse) total += countTextTokens(JSON.stringify(part.functionResponse));
      if (part.inlineData || part.fileData) total += IMAGE_TOKENS;
    }
  };
  count(body.systemInstruction?.parts);
  for (const content of body.contents ?? []) count(content.parts);
  if (Array.isArray(body.tools) && body.tools.length > 0) total += countTextTokens(JSON.stringify(body.tools));
  return Math.max(total, 1);
}
function renderGeminiResponse(plan, options) {
  const parts = [];
  if (plan.thoughts) parts.push({ text: plan.thoughts, thought: true });
  plan.calls.forEach((call, index) => parts.push({ functionCall: { name: call.name, args: call.args }, ...index === 0 && plan.signature ? { thoughtSignature: plan.signature } : {} }));
  if (plan.text !== null) parts.push({ text: plan.text, ...plan.signature ? { thoughtSignature: plan.signature } : {} });
  return {
    candidates: [{ content: { parts, role: "model" }, finishReason: plan.finishReason, index: 0 }],
    ...options.usage ? { usageMetadata: plan.usage } : {},
    modelVersion: plan.model,
    responseId: plan.responseId
  };
}
function renderGeminiChunks(plan, options) {
  const chunks = [];
  if (plan.thoughts) chunks.push({ parts: [{ text: plan.thoughts, thought: true }], candidates: 0 });
  if (plan.calls.length > 0) {
    const parts = plan.calls.map((call, index) => ({ functionCall: { name: call.name, args: call.args }, ...index === 0 && plan.signature ? { thoughtSignature: plan.signature } : {} }));
    chunks.push({ parts, candidates: plan.usage.candidatesTokenCount });
  } else {
    let sent = "";
    for (const piece of splitIntoWordPieces(plan.text ?? "")) {
      sent += piece;
      chunks.push({ parts: [{ text: piece }], candidates: countTextTokens(sent) });
    }
    if (plan.signature || chunks.length === 0) chunks.push({ parts: [{ text: "", ...plan.signature ? { thoughtSignature: plan.signature } : {} }], candidates: plan.usage.candidatesTokenCount });
  }
  return chunks.map((chunk, index) => {
    const last = index === chunks.length - 1;
    const candidatesTokenCount = last ? plan.usage.candidatesTokenCount : Math.min(chunk.candidates, plan.usage.candidatesTokenCount);
    const usage = { ...plan.usage, candidatesTokenCount, totalTokenCount: plan.usage.totalTokenCount - plan.usage.candidatesTokenCount + candidatesTokenCount };
    return {
      candidates: [{ content: { parts: chunk.parts, role: "model" }, ...last ? { finishReason: plan.finishReason } : {}, index: 0 }],
      ...options.usage ? { usageMetadata: usage } : {},
      modelVersion: plan.model,
      responseId: plan.responseId
    };
  });
}
export {
  buildGeminiReply,
  renderGeminiChunks,
  renderGeminiResponse
};
//# sourceMappingURL=build-gemini-reply.js.map
