import { buildEchoText } from "../shared/build-echo-text.js";
import { countTextTokens } from "../shared/count-text-tokens.js";
import { makeOpenAIError } from "./openai-error-body.js";
import { parseSimDirectives } from "../shared/parse-sim-directives.js";
import { SIM_SYSTEM_FINGERPRINT } from "./render-chat-completion.js";
import { sendJsonReply, sendRawJson } from "./send-json-reply.js";
import { splitIntoWordPieces } from "../shared/split-into-word-pieces.js";
import { sendSseFrames } from "./send-sse-frames.js";
function readLegacyPrompts(body) {
  const prompt = body.prompt;
  if (typeof prompt === "string") return [prompt];
  if (Array.isArray(prompt) && prompt.every((p) => typeof p === "string")) return prompt;
  return [""];
}
async function handleLegacyCompletions(ctx) {
  const { res, body, fault } = ctx;
  if (typeof body.model !== "string" || body.model === "") {
    const error = makeOpenAIError(400, "you must provide a model parameter", "invalid_request_error");
    sendJsonReply(res, error.status, error.body);
    return;
  }
  const prompts = readLegacyPrompts(body);
  const maxTokens = typeof body.max_tokens === "number" && body.max_tokens > 0 ? body.max_tokens : void 0;
  let promptTokens = 0;
  let completionTokens = 0;
  const choices = prompts.map((prompt, index) => {
    promptTokens += countTextTokens(prompt);
    let text = buildEchoText(parseSimDirectives(prompt).text, fault.words);
    let finish = "stop";
    let tokens = countTextTokens(text);
    if (maxTokens !== void 0 && tokens > maxTokens) {
      text = splitIntoWordPieces(text).slice(0, maxTokens).join("");
      tokens = countTextTokens(text);
      finish = "length";
    }
    completionTokens += tokens;
    return { text, index, logprobs: null, finish_reason: fault.finish ?? finish };
  });
  const id = `cmpl-sim${String(ctx.seq).padStart(10, "0")}`;
  const created = Math.floor(Date.now() / 1e3);
  const model = body.model;
  const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  if (body.stream !== true) {
    const json = JSON.stringify({ id, object: "text_completion", created, model, choices, usage, system_fingerprint: SIM_SYSTEM_FINGERPRINT });
    sendRawJson(res, 200, fault.malformed ? json.slice(0, Math.floor(json.length / 2)) : json);
    return;
  }
  const head = `data: {"id":"${id}","object":"text_completion","created":${created},"choices":[`;
  const tail = `],"model":${JSON.stringify(model)},"system_fingerprint":"${SIM_SYSTEM_FINGERPRINT}"}

`;
  const frames = [];
  for (const choice of choices) {
    const pieces = splitIntoWordPieces(choice.text);
    if (pieces.length === 0) pieces.push("");
    for (const text of pieces) {
      frames.push(head + JSON.stringify({ text, index: choice.index, logprobs: null, finish_reason: null }) + tail);
    }
    frames.push(head + JSON.stringify({ text: "", index: choice.index, logprobs: null, finish_reason: choice.finish_reason }) + tail);
  }
  const options = body.stream_options;
  if (options?.include_usage === true) {
    frames.push(`data: {"id":"${id}","object":"text_completion","created":${created},"model":${JSON.stringify(model)},"choices":[],"usage":${JSON.stringify(usage)}}

`);
  }
  frames.push("data: [DONE]\n\n");
  await sendSseFrames(ctx, frames);
}
export {
  handleLegacyCompletions,
  readLegacyPrompts
};
//# sourceMappingURL=handle-legacy-completions.js.map
