import { invalidResponse } from "../shared/invalid-response.js";
import { convertOpenAIUsage } from "./convert-openai-usage.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
const CARRIED_FIELDS = ["service_tier"];
function fromOpenAIChatResponse(bodyText, provider) {
  let body;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw invalidResponse(provider, "body is not valid JSON", bodyText);
  }
  if (!body || typeof body !== "object" || !Array.isArray(body.choices)) {
    throw invalidResponse(provider, "body has no choices", bodyText);
  }
  const choices = body.choices.map((choice, position) => {
    const message = { ...choice.message ?? {} };
    if (message.reasoning === void 0 && typeof message.reasoning_content === "string") {
      message.reasoning = message.reasoning_content;
    }
    delete message.reasoning_content;
    return {
      index: typeof choice.index === "number" ? choice.index : position,
      message: { ...message, role: "assistant", content: message.content ?? null },
      finishReason: mapOpenAIFinishReason(choice.finish_reason),
      nativeFinishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : null,
      logprobs: choice.logprobs
    };
  });
  const extra = {};
  for (const field of CARRIED_FIELDS) if (body[field] !== void 0) extra[field] = body[field];
  return {
    upstreamId: typeof body.id === "string" ? body.id : null,
    choices,
    tokens: convertOpenAIUsage(body.usage),
    systemFingerprint: typeof body.system_fingerprint === "string" ? body.system_fingerprint : null,
    extra
  };
}
export {
  fromOpenAIChatResponse
};
//# sourceMappingURL=from-openai-chat-response.js.map
