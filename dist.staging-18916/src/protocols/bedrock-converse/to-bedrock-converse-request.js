import { convertToBedrockMessages } from "./convert-to-bedrock-messages.js";
import { detectBedrockModelFamily, supportsCachePoints } from "./detect-bedrock-model-family.js";
const JSON_RESPONSE_TOOL = "switchyard_json_response";
const DEFAULT_MAX_TOKENS = 16384;
const MIN_THINKING_BUDGET = 1024;
const MAX_THINKING_BUDGET = 128e3;
const EFFORT_RATIOS = { max: 0.95, xhigh: 0.95, high: 0.8, medium: 0.5, low: 0.2, minimal: 0.1 };
function toBedrockConverseRequest(options) {
  const { request } = options;
  const family = detectBedrockModelFamily(options.upstreamModel);
  const cachePoints = supportsCachePoints(family);
  const { system, messages, historyToolNames } = convertToBedrockMessages({
    messages: request.messages,
    cachePoints,
    replayReasoning: family === "anthropic",
    shortToolIds: family === "mistral"
  });
  const body = { messages };
  if (system.length > 0) body.system = system;
  const requestedMax = positiveInt(request.max_completion_tokens ?? request.max_tokens);
  const reasoning = planReasoning({ request, family, requestedMax, outputLimit: positiveInt(options.maxOutputTokens) });
  const inference = {};
  const maxTokens = reasoning?.maxTokens ?? requestedMax;
  if (maxTokens !== void 0) inference.maxTokens = maxTokens;
  if (!reasoning?.restrictsSampling) {
    if (typeof request.temperature === "number") inference.temperature = request.temperature;
    if (typeof request.top_p === "number") inference.topP = request.top_p;
  }
  const stop = typeof request.stop === "string" ? [request.stop] : Array.isArray(request.stop) ? request.stop.filter((s) => typeof s === "string") : [];
  if (stop.length > 0) inference.stopSequences = stop;
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;
  const additional = { ...reasoning?.fields };
  const topK = positiveInt(request.top_k);
  if (topK !== void 0 && !reasoning?.restrictsSampling) {
    if (family === "anthropic" || family === "mistral") additional.top_k = topK;
    else if (family === "nova" || family === "nova-2") additional.inferenceConfig = { topK };
  }
  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;
  const toolConfig = buildToolConfig({ request, cachePoints, historyToolNames, thinking: reasoning?.restrictsSampling ?? false });
  if (toolConfig) body.toolConfig = toolConfig;
  return body;
}
function planReasoning(options) {
  const { request, family, requestedMax } = options;
  const config = request.reasoning ?? {};
  const effort = config.effort ?? (typeof request.reasoning_effort === "string" ? request.reasoning_effort : void 0);
  const wanted = config.enabled !== false && effort !== "none" && (config.enabled === true || effort !== void 0 || config.max_tokens !== void 0);
  if (!wanted) return void 0;
  if (family === "nova-2") {
    const level = effort === "minimal" || effort === "low" ? "low" : effort === "high" || effort === "xhigh" || effort === "max" ? "high" : "medium";
    return { fields: { reasoningConfig: { type: "enabled", maxReasoningEffort: level } }, restrictsSampling: false };
  }
  if (family !== "anthropic") return void 0;
  const maxTokens = requestedMax ?? options.outputLimit ?? DEFAULT_MAX_TOKENS;
  let budget = config.max_tokens ?? Math.floor(maxTokens * (EFFORT_RATIOS[effort ?? "medium"] ?? 0.5));
  budget = Math.min(Math.max(budget, MIN_THINKING_BUDGET), MAX_THINKING_BUDGET);
  if (budget >= maxTokens) {
    if (maxTokens <= MIN_THINKING_BUDGET) return void 0;
    budget = maxTokens - 1;
  }
  return { fields: { thinking: { type: "enabled", budget_tokens: budget } }, maxTokens, restrictsSampling: true };
}
function buildToolConfig(options) {
  const { request, cachePoints, historyToolNames, thinking } = options;
  const choice = request.tool_choice;
  const tools = [];
  const offered = choice !== "none" ? asFunctionTools(request.tools) : [];
  for (const tool of offered) {
    tools.push(toToolSpec(tool));
    if (cachePoints && tool.cache_control !== void 0) tools.push({ cachePoint: { type: "default" } });
  }
  let toolChoice = offered.length > 0 ? toToolChoice(choice) : void 0;
  const json = readJsonSchema(request.response_format);
  if (json) {
    tools.push({ toolSpec: { name: JSON_RESPONSE_TOOL, description: json.description, inputSchema: { json: json.schema } } });
    if (offered.length === 0) toolChoice = { tool: { name: JSON_RESPONSE_TOOL } };
  }
  if (tools.length === 0 && historyToolNames.size > 0) {
    const declared = asFunctionTools(request.tools).filter((tool) => historyToolNames.has(tool.function?.name ?? ""));
    const names = new Set(declared.map((tool) => tool.function?.name));
    for (const tool of declared) tools.push(toToolSpec(tool));
    for (const name of historyToolNames) {
      if (!names.has(name)) tools.push({ toolSpec: { name, inputSchema: { json: { type: "object", properties: {} } } } });
    }
    toolChoice = void 0;
  }
  if (tools.length === 0) return void 0;
  if (thinking && toolChoice && !("auto" in toolChoice)) toolChoice = { auto: {} };
  return toolChoice ? { tools, toolChoice } : { tools };
}
function asFunctionTools(tools) {
  if (!Array.isArray(tools)) return [];
  return tools.filter((tool) => tool?.type === "function" && typeof tool.function?.name === "string");
}
function toToolSpec(tool) {
  const fn = tool.function ?? {};
  const spec = { name: fn.name ?? "", inputSchema: { json: fn.parameters ?? { type: "object", properties: {} } } };
  if (fn.description) spec.description = fn.description;
  return { toolSpec: spec };
}
function toToolChoice(choice) {
  if (choice === "auto") return { auto: {} };
  if (choice === "required") return { any: {} };
  const name = choice?.function?.name;
  return typeof name === "string" ? { tool: { name } } : void 0;
}
function readJsonSchema(format) {
  const value = format;
  if (value?.type === "json_object") {
    return { schema: { type: "object" }, description: "Respond with a JSON object: put the whole answer in this tool call." };
  }
  if (value?.type !== "json_schema" || !value.json_schema) return void 0;
  const { name, schema, description } = value.json_schema;
  const label = typeof name === "string" ? ` "${name}"` : "";
  return {
    schema: schema ?? { type: "object" },
    description: typeof description === "string" ? description : `Respond with JSON matching the${label} schema: put the whole answer in this tool call.`
  };
}
function positiveInt(value) {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : void 0;
}
export {
  JSON_RESPONSE_TOOL,
  toBedrockConverseRequest
};
//# sourceMappingURL=to-bedrock-converse-request.js.map
