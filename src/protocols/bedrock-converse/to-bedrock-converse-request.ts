import type { ChatRequest } from '../../core/canonical/chat-request.js';
import type { BedrockCachePoint, BedrockConverseRequest, BedrockToolChoice, BedrockToolSpec } from './bedrock-converse-api.js';
import { convertToBedrockMessages } from './convert-to-bedrock-messages.js';
import { detectBedrockModelFamily, supportsCachePoints, type BedrockModelFamily } from './detect-bedrock-model-family.js';

/**
 * The tool Switchyard adds to carry `response_format` (Converse has no JSON mode): the model
 * is made to call it, and its input comes back as the message text. The name is reserved.
 */
export const JSON_RESPONSE_TOOL = 'switchyard_json_response';

/** Output budget assumed when a reasoning request gives no `max_tokens` and the catalog no limit. */
const DEFAULT_MAX_TOKENS = 16_384;
const MIN_THINKING_BUDGET = 1024;
const MAX_THINKING_BUDGET = 128_000;
/** OpenRouter's effort → share of max_tokens given to thinking. */
const EFFORT_RATIOS: Record<string, number> = { max: 0.95, xhigh: 0.95, high: 0.8, medium: 0.5, low: 0.2, minimal: 0.1 };

interface FunctionTool {
  type?: string;
  function?: { name?: string; description?: string; parameters?: unknown };
  cache_control?: unknown;
}

/**
 * Builds a Converse / ConverseStream body from the canonical request. Parameters Converse
 * cannot carry are dropped, never sent to fail: `top_k` and Claude's `thinking` go in
 * `additionalModelRequestFields` only for families that take them; with thinking on,
 * temperature/top_p/top_k and forced tool choice are left out because Claude rejects them.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export function toBedrockConverseRequest(options: {
  request: ChatRequest;
  upstreamModel: string;
  /** The endpoint's output limit from the catalog; sizes thinking when the client gave no max_tokens. */
  maxOutputTokens?: number | null;
}): BedrockConverseRequest {
  const { request } = options;
  const family = detectBedrockModelFamily(options.upstreamModel);
  const cachePoints = supportsCachePoints(family);
  const { system, messages, historyToolNames } = convertToBedrockMessages({
    messages: request.messages,
    cachePoints,
    replayReasoning: family === 'anthropic',
    shortToolIds: family === 'mistral',
  });
  if (cachePoints && request.cache_control != null) markWholePrompt(messages);
  const body: BedrockConverseRequest = { messages };
  if (system.length > 0) body.system = system;

  const requestedMax = positiveInt(request.max_completion_tokens ?? request.max_tokens);
  const reasoning = planReasoning({ request, family, requestedMax, outputLimit: positiveInt(options.maxOutputTokens) });
  const inference: NonNullable<BedrockConverseRequest['inferenceConfig']> = {};
  const maxTokens = reasoning?.maxTokens ?? requestedMax;
  if (maxTokens !== undefined) inference.maxTokens = maxTokens;
  if (!reasoning?.restrictsSampling) {
    if (typeof request.temperature === 'number') inference.temperature = request.temperature;
    if (typeof request.top_p === 'number') inference.topP = request.top_p;
  }
  const stop = typeof request.stop === 'string' ? [request.stop] : Array.isArray(request.stop) ? request.stop.filter((s): s is string => typeof s === 'string') : [];
  if (stop.length > 0) inference.stopSequences = stop;
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;

  const additional: Record<string, unknown> = { ...reasoning?.fields };
  const topK = positiveInt(request.top_k);
  if (topK !== undefined && !reasoning?.restrictsSampling) {
    if (family === 'anthropic' || family === 'mistral') additional.top_k = topK;
    else if (family === 'nova' || family === 'nova-2') additional.inferenceConfig = { topK };
  }
  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;

  const toolConfig = buildToolConfig({ request, cachePoints, historyToolNames, thinking: reasoning?.restrictsSampling ?? false });
  if (toolConfig) body.toolConfig = toolConfig;
  return body;
}

/**
 * OpenRouter's top-level `cache_control` (Anthropic's automatic caching: the breakpoint goes on the
 * last cacheable block) as a `cachePoint` closing the last message, so the whole prompt is the
 * cached prefix. A prompt that already ends in a cache point keeps just the one.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 */
function markWholePrompt(messages: BedrockConverseRequest['messages']): void {
  const content = messages.at(-1)?.content;
  if (!content || content.length === 0) return;
  if ('cachePoint' in (content.at(-1) as object)) return;
  content.push({ cachePoint: { type: 'default' } });
}

interface ReasoningPlan {
  fields: Record<string, unknown>;
  maxTokens?: number;
  /** Claude with thinking takes no temperature/top_p/top_k and no forced tool choice. */
  restrictsSampling: boolean;
}

function planReasoning(options: {
  request: ChatRequest;
  family: BedrockModelFamily;
  requestedMax: number | undefined;
  outputLimit: number | undefined;
}): ReasoningPlan | undefined {
  const { request, family, requestedMax } = options;
  const config = request.reasoning ?? {};
  const effort = config.effort ?? (typeof request.reasoning_effort === 'string' ? request.reasoning_effort : undefined);
  const wanted = config.enabled !== false && effort !== 'none' && (config.enabled === true || effort !== undefined || config.max_tokens !== undefined);
  if (!wanted) return undefined;
  if (family === 'nova-2') {
    const level = effort === 'minimal' || effort === 'low' ? 'low' : effort === 'high' || effort === 'xhigh' || effort === 'max' ? 'high' : 'medium';
    return { fields: { reasoningConfig: { type: 'enabled', maxReasoningEffort: level } }, restrictsSampling: false };
  }
  if (family !== 'anthropic') return undefined;
  // max_tokens covers thinking and answer, so the budget is a share of it (OpenRouter's ratios).
  const maxTokens = requestedMax ?? options.outputLimit ?? DEFAULT_MAX_TOKENS;
  let budget = config.max_tokens ?? Math.floor(maxTokens * (EFFORT_RATIOS[effort ?? 'medium'] ?? 0.5));
  budget = Math.min(Math.max(budget, MIN_THINKING_BUDGET), MAX_THINKING_BUDGET);
  if (budget >= maxTokens) {
    // A cap too small for the minimum budget means no thinking.
    if (maxTokens <= MIN_THINKING_BUDGET) return undefined;
    budget = maxTokens - 1;
  }
  return { fields: { thinking: { type: 'enabled', budget_tokens: budget } }, maxTokens, restrictsSampling: true };
}

function buildToolConfig(options: {
  request: ChatRequest;
  cachePoints: boolean;
  historyToolNames: Set<string>;
  thinking: boolean;
}): BedrockConverseRequest['toolConfig'] {
  const { request, cachePoints, historyToolNames, thinking } = options;
  const choice = request.tool_choice;
  const tools: Array<BedrockToolSpec | BedrockCachePoint> = [];
  const offered = choice !== 'none' ? asFunctionTools(request.tools) : [];
  for (const tool of offered) {
    tools.push(toToolSpec(tool));
    if (cachePoints && tool.cache_control !== undefined) tools.push({ cachePoint: { type: 'default' } });
  }
  let toolChoice = offered.length > 0 ? toToolChoice(choice) : undefined;

  const json = readJsonSchema(request.response_format);
  if (json) {
    tools.push({ toolSpec: { name: JSON_RESPONSE_TOOL, description: json.description, inputSchema: { json: json.schema } } });
    if (offered.length === 0) toolChoice = { tool: { name: JSON_RESPONSE_TOOL } };
  }
  if (tools.length === 0 && historyToolNames.size > 0) {
    // Bedrock requires a toolConfig whenever the history holds toolUse/toolResult blocks,
    // even when this turn offers no tools (or tool_choice is "none"): declare the ones used.
    const declared = asFunctionTools(request.tools).filter((tool) => historyToolNames.has(tool.function?.name ?? ''));
    const names = new Set(declared.map((tool) => tool.function?.name));
    for (const tool of declared) tools.push(toToolSpec(tool));
    for (const name of historyToolNames) {
      if (!names.has(name)) tools.push({ toolSpec: { name, inputSchema: { json: { type: 'object', properties: {} } } } });
    }
    toolChoice = undefined;
  }
  if (tools.length === 0) return undefined;
  // Claude rejects forced tool use while thinking; "auto" keeps the request valid.
  if (thinking && toolChoice && !('auto' in toolChoice)) toolChoice = { auto: {} };
  return toolChoice ? { tools, toolChoice } : { tools };
}

function asFunctionTools(tools: unknown[] | undefined): FunctionTool[] {
  if (!Array.isArray(tools)) return [];
  return (tools as FunctionTool[]).filter((tool) => tool?.type === 'function' && typeof tool.function?.name === 'string');
}

function toToolSpec(tool: FunctionTool): BedrockToolSpec {
  const fn = tool.function ?? {};
  const spec: BedrockToolSpec['toolSpec'] = { name: fn.name ?? '', inputSchema: { json: fn.parameters ?? { type: 'object', properties: {} } } };
  if (fn.description) spec.description = fn.description;
  return { toolSpec: spec };
}

function toToolChoice(choice: unknown): BedrockToolChoice | undefined {
  if (choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  const name = (choice as { function?: { name?: unknown } } | null)?.function?.name;
  return typeof name === 'string' ? { tool: { name } } : undefined;
}

function readJsonSchema(format: unknown): { schema: unknown; description: string } | undefined {
  const value = format as { type?: unknown; json_schema?: { name?: unknown; schema?: unknown; description?: unknown } } | null;
  if (value?.type === 'json_object') {
    return { schema: { type: 'object' }, description: 'Respond with a JSON object: put the whole answer in this tool call.' };
  }
  if (value?.type !== 'json_schema' || !value.json_schema) return undefined;
  const { name, schema, description } = value.json_schema;
  const label = typeof name === 'string' ? ` "${name}"` : '';
  return {
    schema: schema ?? { type: 'object' },
    description: typeof description === 'string' ? description : `Respond with JSON matching the${label} schema: put the whole answer in this tool call.`,
  };
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
