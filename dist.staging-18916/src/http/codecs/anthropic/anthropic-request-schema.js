import { z } from "zod";
import { chatRequestSchema, MAX_MESSAGES } from "../chat-request-schema.js";
const int = z.number().int();
const cacheControl = z.looseObject({ type: z.string() }).optional();
const textBlock = z.looseObject({ type: z.literal("text"), text: z.string(), cache_control: cacheControl });
const imageSource = z.union([
  z.looseObject({ type: z.literal("base64"), media_type: z.string().min(1), data: z.string().min(1) }),
  z.looseObject({ type: z.literal("url"), url: z.string().min(1) })
]);
const imageBlock = z.looseObject({ type: z.literal("image"), source: imageSource, cache_control: cacheControl });
const documentBlock = z.looseObject({
  type: z.literal("document"),
  source: z.looseObject({ type: z.string(), media_type: z.string().optional(), data: z.string().optional(), url: z.string().optional() }),
  title: z.string().optional(),
  cache_control: cacheControl
});
const toolUseBlock = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl
});
const toolResultBlock = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.union([textBlock, imageBlock, documentBlock]))]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl
});
const thinkingBlock = z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string().optional() });
const redactedThinkingBlock = z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() });
const contentBlock = z.discriminatedUnion("type", [
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock
]);
const message = z.looseObject({
  role: z.enum(["user", "assistant", "system"]),
  content: z.union([z.string(), z.array(contentBlock)])
});
const customTool = z.looseObject({
  type: z.literal("custom").optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.string().optional() }),
  cache_control: cacheControl
});
const serverTool = z.looseObject({ type: z.string().regex(/_\d{8}$/, "a server tool type ends in its version date"), name: z.string().min(1) });
const tool = z.union([customTool, serverTool]);
const toolChoice = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal("tool"), name: z.string().min(1), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal("none") })
]);
const thinking = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("enabled"), budget_tokens: int.positive() }),
  z.looseObject({ type: z.literal("disabled") }),
  z.looseObject({ type: z.literal("adaptive") })
]);
const anthropicCountTokensSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1, "messages must contain at least one message").max(MAX_MESSAGES, `at most ${MAX_MESSAGES} messages per request`),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  thinking: thinking.optional()
});
const anthropicMessagesSchema = anthropicCountTokensSchema.extend({
  max_tokens: int.positive(),
  stream: z.boolean().optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().gt(0).max(1).optional(),
  top_k: int.nonnegative().optional(),
  metadata: z.looseObject({ user_id: z.string().nullable().optional() }).optional(),
  output_config: z.looseObject({
    effort: z.enum(["low", "medium", "high", "xhigh", "max"]).nullable().optional(),
    format: z.looseObject({ type: z.literal("json_schema"), schema: z.record(z.string(), z.unknown()) }).nullable().optional()
  }).optional(),
  models: z.array(z.string().min(1)).max(32).optional(),
  fallbacks: z.array(z.looseObject({ model: z.string().min(1) })).max(3).optional(),
  provider: chatRequestSchema.shape.provider,
  session_id: z.string().max(256).optional()
});
export {
  anthropicCountTokensSchema,
  anthropicMessagesSchema
};
//# sourceMappingURL=anthropic-request-schema.js.map
