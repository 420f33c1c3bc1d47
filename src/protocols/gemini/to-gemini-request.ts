import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { cleanGeminiSchema } from './clean-gemini-schema.js';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import type { GeminiFunctionDeclaration, GeminiGenerationConfig, GeminiRequest } from './gemini-api.js';
import { mapGeminiImageOutput } from './map-gemini-image-output.js';
import { mapGeminiThinking } from './map-gemini-thinking.js';

/**
 * The canonical (OpenAI-shaped) request → a Gemini `generateContent` body, for the Gemini API
 * and Vertex AI alike. Parameters Gemini has no equivalent for (`logit_bias`, `logprobs`,
 * `parallel_tool_calls`, `user`, OpenRouter's routing fields, …) are dropped, never sent.
 * @see https://ai.google.dev/api/generate-content#request-body
 */
export function toGeminiRequest(options: { request: ChatRequest; upstreamModel: string }): GeminiRequest {
  const { request } = options;
  const { systemParts, contents } = convertToGeminiContents(request.messages);
  if (contents.length === 0) throw new InvalidRequestError('messages must contain at least one user or assistant message for Gemini');
  const body: GeminiRequest = { contents };
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

function toGenerationConfig(request: ChatRequest, model: string): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === 'number') config.maxOutputTokens = maxTokens;
  if (typeof request.temperature === 'number') config.temperature = request.temperature;
  if (typeof request.top_p === 'number') config.topP = request.top_p;
  if (typeof request.top_k === 'number' && request.top_k > 0) config.topK = request.top_k;
  if (typeof request.seed === 'number') config.seed = request.seed;
  if (typeof request.presence_penalty === 'number') config.presencePenalty = request.presence_penalty;
  if (typeof request.frequency_penalty === 'number') config.frequencyPenalty = request.frequency_penalty;
  const stop = typeof request.stop === 'string' ? [request.stop] : Array.isArray(request.stop) ? request.stop.filter((s): s is string => typeof s === 'string') : [];
  if (stop.length > 0) config.stopSequences = stop.slice(0, 5);
  const format = request.response_format as { type?: unknown; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type === 'json_object' || format?.type === 'json_schema') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema' && format.json_schema?.schema && typeof format.json_schema.schema === 'object') {
    // responseJsonSchema takes real JSON Schema ($ref, additionalProperties, …); only the
    // meta keys Gemini rejects are removed.
    const { $schema: _schema, strict: _strict, ...schema } = format.json_schema.schema as Record<string, unknown>;
    config.responseJsonSchema = schema;
  }
  const thinking = mapGeminiThinking(request, model);
  if (thinking) config.thinkingConfig = thinking;
  Object.assign(config, mapGeminiImageOutput(request));
  return config;
}

function toFunctionDeclarations(tools: unknown[] | undefined): GeminiFunctionDeclaration[] {
  const declarations: GeminiFunctionDeclaration[] = [];
  for (const tool of tools ?? []) {
    const fn = (tool as { type?: unknown; function?: { name?: unknown; description?: unknown; parameters?: unknown } }).function;
    if ((tool as { type?: unknown }).type !== 'function' || typeof fn?.name !== 'string') continue;
    const declaration: GeminiFunctionDeclaration = { name: fn.name };
    if (typeof fn.description === 'string' && fn.description) declaration.description = fn.description;
    const parameters = cleanGeminiSchema(fn.parameters);
    // A function without arguments is declared without parameters (an empty OBJECT is a 400).
    if (parameters.properties && Object.keys(parameters.properties).length > 0) declaration.parameters = parameters;
    declarations.push(declaration);
  }
  return declarations;
}

function toToolConfig(choice: unknown): GeminiRequest['toolConfig'] {
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  const name = (choice as { function?: { name?: unknown } } | undefined)?.function?.name;
  if (typeof name === 'string') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } };
  return undefined;
}
