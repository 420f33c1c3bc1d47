import { estimatePromptTokens, measurePromptTokens } from "../../core/estimate-tokens.js";
import { InvalidRequestError } from "../../core/errors/gateway-error.js";
import { toAnthropicErrorBody } from "../codecs/anthropic/anthropic-error-body.js";
import { anthropicMessagesCodec } from "../codecs/anthropic/anthropic-messages-codec.js";
import { anthropicCountTokensSchema } from "../codecs/anthropic/anthropic-request-schema.js";
import { toCanonicalPrompt } from "../codecs/anthropic/to-canonical-chat-request.js";
import { parseWithSchema } from "../codecs/parse-with-schema.js";
import { createErrorHandler } from "../register-error-handlers.js";
import { createInferenceHandler } from "../serve-inference.js";
function registerAnthropicMessagesRoutes(app, deps) {
  void app.register(async (scope) => {
    scope.setErrorHandler(createErrorHandler({ bodyLimitBytes: deps.bodyLimitBytes, encodeBody: toAnthropicErrorBody }));
    scope.addHook("onRequest", async (request) => {
      const apiKey = request.headers["x-api-key"];
      if (request.headers.authorization === void 0 && typeof apiKey === "string" && apiKey !== "") {
        request.headers.authorization = `Bearer ${apiKey}`;
      }
    });
    const messages = createInferenceHandler(anthropicMessagesCodec, "messages", deps);
    const countTokens = async (request, reply) => {
      deps.keys.authenticate(request.headers.authorization, "inference");
      const prompt = toCanonicalPrompt(parseWithSchema(anthropicCountTokensSchema, request.body));
      assertKnownModel(deps.catalog, prompt.model);
      await measurePromptTokens(prompt);
      return reply.send({ input_tokens: estimatePromptTokens(prompt) });
    };
    for (const root of ["/api/v1", "/v1"]) {
      scope.post(`${root}/messages`, messages);
      scope.post(`${root}/messages/count_tokens`, countTokens);
    }
  });
}
function assertKnownModel(catalog, model) {
  if (!catalog.models.has(model) && !catalog.models.has(model.replace(/:[a-z]+$/, ""))) {
    throw new InvalidRequestError(`${model} is not a valid model ID`, { code: "model_not_found" });
  }
}
export {
  registerAnthropicMessagesRoutes
};
//# sourceMappingURL=anthropic-messages-routes.js.map
