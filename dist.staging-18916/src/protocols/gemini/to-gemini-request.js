import { InvalidRequestError } from "../../core/errors/gateway-error.js";
import { cleanGeminiSchema } from "./clean-gemini-schema.js";
import { convertToGeminiContents } from "./convert-to-gemini-contents.js";
import { mapGeminiThinking } from "./map-gemini-thinking.js";
function toGeminiRequest(options) {
  const { request } = options;
  const { systemParts, contents } = convertToGeminiContents(request.messages);
  if (contents.length === 0) throw new InvalidRequestError("messages must contain at least one user or assistant message for Gemini");
  const body = { contents };
  if (systemParts.length > 0) body.systemInstruction = { parts: systemParts };
  const declarations = toFunctionDeclarations(request.tools);
  if (declarations.length > 0) {
    body.tools = [{ functionDeclarations: declarations }];
    const toolConfig = toToolConfig(request.tool_choice);
    if (toolConfig) body.toolConfig = toolConfig;
  }
  const generationConfig = toGenerationConfig(request, options.upstreamModel);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}
function toGenerationConfig(request, model) {
  const config = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === "number") config.maxOutputTokens = maxTokens;
  if (typeof request.temperature === "number") config.temperature = request.temperature;
  if (typeof request.top_p === "number") config.topP = request.top_p;
  if (typeof request.top_k === "number" && request.top_k > 0) config.topK = request.top_k;
  if (typeof request.seed === "number") config.seed = request.seed;
  if (typeof request.presence_penalty === "number") config.presencePenalty = request.presence_penalty;
  if (typeof request.frequency_penalty === "number") config.frequencyPenalty = request.frequency_penalty;
  const stop = typeof request.stop === "string" ? [request.stop] : Array.isArray(request.stop) ? request.stop.filter((s) => typeof s === "string") : [];
  if (stop.length > 0) config.stopSequences = stop.slice(0, 5);
  const format = request.response_format;
  if (format?.type === "json_object" || format?.type === "json_schema") config.responseMimeType = "application/json";
  if (format?.type === "json_schema" && format.json_schema?.schema && typeof format.json_schema.schema === "object") {
    const { $schema: _schema, strict: _strict, ...schema } = format.json_schema.schema;
    config.responseJsonSchema = schema;
  }
  const thinking = mapGeminiThinking(request, model);
  if (thinking) config.thinkingConfig = thinking;
  return config;
}
function toFunctionDeclarations(tools) {
  const declarations = [];
  for (const tool of tools ?? []) {
    const fn = tool.function;
    if (tool.type !== "function" || typeof fn?.name !== "string") continue;
    const declaration = { name: fn.name };
    if (typeof fn.description === "string" && fn.description) declaration.description = fn.description;
    const parameters = cleanGeminiSchema(fn.parameters);
    if (parameters.properties && Object.keys(parameters.properties).length > 0) declaration.parameters = parameters;
    declarations.push(declaration);
  }
  return declarations;
}
function toToolConfig(choice) {
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  const name = choice?.function?.name;
  if (typeof name === "string") return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [name] } };
  return void 0;
}
export {
  toGeminiRequest
};
//# sourceMappingURL=to-gemini-request.js.map
