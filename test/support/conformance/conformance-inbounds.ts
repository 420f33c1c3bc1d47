import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { unwrapReasoningValue } from '../../../src/http/codecs/anthropic/carry-foreign-reasoning.js';
import { unpackReasoningDetails } from '../../../src/http/codecs/responses/carry-reasoning-details.js';

/** What a matrix cell asks for, in neutral terms each inbound driver renders in its dialect. */
export interface MatrixAsk {
  model: string;
  prompt: string;
  stream: boolean;
  tools?: boolean;
  /** Base64 PNG sent before the prompt text. */
  image?: string;
  jsonSchema?: Record<string, unknown>;
  reasoning?: boolean;
  /** A system prompt marked with cache_control. */
  cacheSystem?: string;
  /** Earlier turns: the user prompt and the assistant reply as the client received it. */
  history?: Array<{ prompt: string; assistant: unknown }>;
}

/** Usage normalised to the canonical convention (prompt includes cached reads and writes). */
export interface MatrixUsage {
  prompt: number;
  completion: number;
  cachedRead: number;
  cacheWrite: number;
  reasoning: number;
  cost: number;
}

/** One answer, read the way a client of that dialect reads it. */
export interface MatrixTurn {
  text: string;
  reasoning: string;
  /** Reasoning signatures / opaque reasoning data as the upstream issued them. */
  signatures: string[];
  toolCalls: Array<{ id: string; name: string; input: unknown; argumentDeltas: number }>;
  textDeltas: number;
  finish: string | null;
  usage: MatrixUsage;
  /** The assistant turn to send back in the next request, in the client's dialect. */
  replay: unknown;
}

export interface InboundDriver {
  name: 'openai-chat' | 'anthropic-messages' | 'openai-responses';
  ask(ask: MatrixAsk): Promise<MatrixTurn>;
}

export const MATRIX_TOOLS = [
  { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] } },
  { name: 'get_time', description: 'Time in a zone', parameters: { type: 'object', properties: { zone: { type: 'string' } } } },
];

type OpenAIUsage = OpenAI.CompletionUsage & { cost: number; prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number } };
type ReasoningDetail = { type?: string; signature?: string; data?: string };

/** The `openai` SDK on /api/v1/chat/completions. */
export function openAIChatDriver(options: { baseURL: string; apiKey: string }): InboundDriver {
  const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: 0 });
  return {
    name: 'openai-chat',
    async ask(ask) {
      const messages: unknown[] = [];
      if (ask.cacheSystem) messages.push({ role: 'system', content: [{ type: 'text', text: ask.cacheSystem, cache_control: { type: 'ephemeral' } }] });
      for (const turn of ask.history ?? []) messages.push({ role: 'user', content: turn.prompt }, turn.assistant);
      const content = ask.image
        ? [{ type: 'image_url', image_url: { url: `data:image/png;base64,${ask.image}` } }, { type: 'text', text: ask.prompt }]
        : ask.prompt;
      messages.push({ role: 'user', content });
      const body: Record<string, unknown> = { model: ask.model, messages };
      if (ask.tools) body.tools = MATRIX_TOOLS.map(({ name, description, parameters }) => ({ type: 'function', function: { name, description, parameters } }));
      if (ask.jsonSchema) body.response_format = { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: ask.jsonSchema } };
      if (ask.reasoning) Object.assign(body, { reasoning: { max_tokens: 1024 }, max_tokens: 4000 });
      if (!ask.stream) {
        const completion = (await client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)) as OpenAI.ChatCompletion;
        const message = completion.choices[0]?.message as OpenAI.ChatCompletionMessage & { reasoning?: string; reasoning_details?: ReasoningDetail[] };
        return {
          text: message.content ?? '',
          reasoning: message.reasoning ?? '',
          signatures: signaturesOf(message.reasoning_details ?? []),
          toolCalls: (message.tool_calls ?? []).map((call) => {
            const fn = (call as OpenAI.ChatCompletionMessageFunctionToolCall).function;
            return { id: call.id, name: fn.name, input: JSON.parse(fn.arguments) as unknown, argumentDeltas: 1 };
          }),
          textDeltas: 1,
          finish: completion.choices[0]?.finish_reason ?? null,
          usage: openAIUsage(completion.usage as OpenAIUsage),
          replay: { role: 'assistant', content: message.content, ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}), ...(message.reasoning_details ? { reasoning_details: message.reasoning_details } : {}) },
        };
      }
      const stream = await client.chat.completions.create({ ...(body as object), stream: true } as OpenAI.ChatCompletionCreateParamsStreaming);
      const turn: MatrixTurn = { text: '', reasoning: '', signatures: [], toolCalls: [], textDeltas: 0, finish: null, usage: openAIUsage(undefined), replay: undefined };
      const details: ReasoningDetail[] = [];
      const args: string[] = [];
      for await (const chunk of stream) {
        if (chunk.usage) turn.usage = openAIUsage(chunk.usage as OpenAIUsage);
        const choice = chunk.choices[0];
        if (!choice) continue;
        const delta = choice.delta as typeof choice.delta & { reasoning?: string; reasoning_details?: ReasoningDetail[] };
        if (delta.content) {
          turn.text += delta.content;
          turn.textDeltas += 1;
        }
        turn.reasoning += delta.reasoning ?? '';
        details.push(...(delta.reasoning_details ?? []));
        for (const call of delta.tool_calls ?? []) {
          if (call.id) turn.toolCalls[call.index] = { id: call.id, name: call.function?.name ?? '', input: undefined, argumentDeltas: 0 };
          const entry = turn.toolCalls[call.index];
          if (entry && call.function?.arguments) {
            args[call.index] = (args[call.index] ?? '') + call.function.arguments;
            entry.argumentDeltas += 1;
          }
        }
        turn.finish = choice.finish_reason ?? turn.finish;
      }
      turn.toolCalls.forEach((call, index) => (call.input = JSON.parse(args[index] ?? '{}') as unknown));
      turn.signatures = signaturesOf(details);
      turn.replay = {
        role: 'assistant',
        content: turn.text === '' ? null : turn.text,
        ...(turn.toolCalls.length ? { tool_calls: turn.toolCalls.map((call, index) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: args[index] } })) } : {}),
        ...(details.length ? { reasoning_details: details } : {}),
      };
      return turn;
    },
  };
}

function signaturesOf(details: ReasoningDetail[]): string[] {
  return details.map((detail) => detail.signature ?? (detail.type === 'reasoning.encrypted' ? detail.data : undefined)).filter((s): s is string => typeof s === 'string' && s !== '');
}

function openAIUsage(usage: OpenAIUsage | undefined): MatrixUsage {
  return {
    prompt: usage?.prompt_tokens ?? -1,
    completion: usage?.completion_tokens ?? -1,
    cachedRead: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWrite: usage?.prompt_tokens_details?.cache_write_tokens ?? 0,
    reasoning: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
    cost: usage?.cost ?? -1,
  };
}

/** `@anthropic-ai/sdk` on /api/v1/messages (base URL `…/api`, the key as auth token). */
export function anthropicMessagesDriver(options: { baseURL: string; apiKey: string }): InboundDriver {
  const client = new Anthropic({ baseURL: options.baseURL.replace(/\/v1$/, ''), authToken: options.apiKey, maxRetries: 0 });
  return {
    name: 'anthropic-messages',
    async ask(ask) {
      const messages: Anthropic.MessageParam[] = [];
      for (const turn of ask.history ?? []) messages.push({ role: 'user', content: turn.prompt }, turn.assistant as Anthropic.MessageParam);
      const content: Anthropic.ContentBlockParam[] = [];
      if (ask.image) content.push({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: ask.image } });
      content.push({ type: 'text', text: ask.prompt });
      messages.push({ role: 'user', content });
      const body: Anthropic.MessageCreateParamsNonStreaming = { model: ask.model, max_tokens: ask.reasoning ? 4000 : 1000, messages };
      if (ask.cacheSystem) body.system = [{ type: 'text', text: ask.cacheSystem, cache_control: { type: 'ephemeral' } }];
      if (ask.tools) body.tools = MATRIX_TOOLS.map(({ name, description, parameters }) => ({ name, description, input_schema: parameters as Anthropic.Tool.InputSchema }));
      if (ask.jsonSchema) body.output_config = { format: { type: 'json_schema', schema: ask.jsonSchema } };
      if (ask.reasoning) body.thinking = { type: 'enabled', budget_tokens: 1024 };
      let message: Anthropic.Message;
      let textDeltas = 1;
      const argumentDeltas: Record<number, number> = {};
      let streamedCost: number | undefined;
      if (ask.stream) {
        textDeltas = 0;
        const stream = client.messages.stream(body);
        stream.on('streamEvent', (event) => {
          // The SDK's finalMessage keeps Anthropic's usage fields only; Switchyard's cost rides in message_delta.
          if (event.type === 'message_delta') streamedCost = (event.usage as { cost?: number }).cost;
          if (event.type !== 'content_block_delta') return;
          if (event.delta.type === 'text_delta') textDeltas += 1;
          if (event.delta.type === 'input_json_delta' && event.delta.partial_json !== '') argumentDeltas[event.index] = (argumentDeltas[event.index] ?? 0) + 1;
        });
        message = await stream.finalMessage();
      } else {
        message = await client.messages.create(body);
      }
      const usage = message.usage as Anthropic.Usage & { cost?: number };
      const cachedRead = usage.cache_read_input_tokens ?? 0;
      const cacheWrite = usage.cache_creation_input_tokens ?? 0;
      const turn: MatrixTurn = {
        text: '',
        reasoning: '',
        signatures: [],
        toolCalls: [],
        textDeltas,
        finish: FINISH[message.stop_reason ?? ''] ?? message.stop_reason,
        usage: {
          prompt: usage.input_tokens + cachedRead + cacheWrite,
          completion: usage.output_tokens,
          cachedRead,
          cacheWrite,
          reasoning: usage.output_tokens_details?.thinking_tokens ?? 0,
          cost: usage.cost ?? streamedCost ?? -1,
        },
        replay: { role: 'assistant', content: message.content },
      };
      message.content.forEach((block, index) => {
        if (block.type === 'text') turn.text += block.text;
        else if (block.type === 'thinking') {
          turn.reasoning += block.thinking;
          if (block.signature) turn.signatures.push(unwrapReasoningValue(block.signature).value);
        } else if (block.type === 'redacted_thinking') turn.signatures.push(unwrapReasoningValue(block.data).value);
        else if (block.type === 'tool_use') turn.toolCalls.push({ id: block.id, name: block.name, input: block.input, argumentDeltas: ask.stream ? (argumentDeltas[index] ?? 0) : 1 });
      });
      return turn;
    },
  };
}

const FINISH: Record<string, string> = { end_turn: 'stop', stop_sequence: 'stop', tool_use: 'tool_calls', max_tokens: 'length' };

type ResponsesUsage = OpenAI.Responses.ResponseUsage & { cost?: number; input_tokens_details: { cache_write_tokens?: number } };

/**
 * The `openai` SDK's Responses API (`responses.create` / `responses.stream`) on /api/v1/responses, stateless:
 * each turn sends the whole conversation, earlier outputs passed back as input items unchanged.
 */
export function openAIResponsesDriver(options: { baseURL: string; apiKey: string }): InboundDriver {
  const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: 0 });
  return {
    name: 'openai-responses',
    async ask(ask) {
      const input: unknown[] = [];
      // OpenRouter's per-part marker on an input_text part (the Responses API has none of its own).
      if (ask.cacheSystem) input.push({ role: 'system', content: [{ type: 'input_text', text: ask.cacheSystem, cache_control: { type: 'ephemeral' } }] });
      for (const turn of ask.history ?? []) input.push({ role: 'user', content: turn.prompt }, ...(turn.assistant as unknown[]));
      const content: unknown[] = [];
      if (ask.image) content.push({ type: 'input_image', image_url: `data:image/png;base64,${ask.image}`, detail: 'auto' });
      content.push({ type: 'input_text', text: ask.prompt });
      input.push({ role: 'user', content });
      const body: Record<string, unknown> = { model: ask.model, input, store: false };
      if (ask.tools) body.tools = MATRIX_TOOLS.map(({ name, description, parameters }) => ({ type: 'function', name, description, parameters, strict: false }));
      if (ask.jsonSchema) body.text = { format: { type: 'json_schema', name: 'answer', strict: true, schema: ask.jsonSchema } };
      if (ask.reasoning) Object.assign(body, { reasoning: { effort: 'medium', summary: 'auto' }, include: ['reasoning.encrypted_content'], max_output_tokens: 4000 });
      let response: OpenAI.Responses.Response;
      let textDeltas = 1;
      const argumentDeltas: Record<number, number> = {};
      if (ask.stream) {
        textDeltas = 0;
        const stream = client.responses.stream(body as unknown as OpenAI.Responses.ResponseCreateParamsStreaming);
        for await (const event of stream) {
          if (event.type === 'response.output_text.delta') textDeltas += 1;
          if (event.type === 'response.function_call_arguments.delta') argumentDeltas[event.output_index] = (argumentDeltas[event.output_index] ?? 0) + 1;
        }
        response = await stream.finalResponse();
      } else {
        response = await client.responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming);
      }
      const usage = response.usage as ResponsesUsage | undefined;
      const turn: MatrixTurn = {
        text: response.output_text,
        reasoning: '',
        signatures: [],
        toolCalls: [],
        textDeltas,
        finish: response.status === 'incomplete' ? 'length' : response.output.some((item) => item.type === 'function_call') ? 'tool_calls' : 'stop',
        usage: {
          prompt: usage?.input_tokens ?? -1,
          completion: usage?.output_tokens ?? -1,
          cachedRead: usage?.input_tokens_details.cached_tokens ?? 0,
          cacheWrite: usage?.input_tokens_details.cache_write_tokens ?? 0,
          reasoning: usage?.output_tokens_details.reasoning_tokens ?? 0,
          cost: usage?.cost ?? -1,
        },
        replay: response.output,
      };
      response.output.forEach((item, index) => {
        if (item.type === 'reasoning') {
          turn.reasoning += item.summary.map((part) => part.text).join('');
          if (item.encrypted_content) turn.signatures.push(...signaturesOf(unpackReasoningDetails(item.encrypted_content) as ReasoningDetail[]));
        } else if (item.type === 'function_call') {
          turn.toolCalls.push({ id: item.call_id, name: item.name, input: JSON.parse(item.arguments) as unknown, argumentDeltas: ask.stream ? (argumentDeltas[index] ?? 0) : 1 });
        }
      });
      return turn;
    },
  };
}
