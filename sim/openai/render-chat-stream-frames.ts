import type { ChatReplyPlan, PlannedToolCall } from './build-chat-reply.js';
import { SIM_SYSTEM_FINGERPRINT } from './render-chat-completion.js';
import { splitIntoWordPieces } from '../shared/split-into-word-pieces.js';

// Real OpenAI sends tool arguments in fragments of a few characters.
const ARGUMENT_PIECE_CHARS = 5;

/**
 * The SSE frames (`data: …\n\n`, ending with `data: [DONE]\n\n`) of a
 * streamed chat completion, in OpenAI's order: role chunk, reasoning deltas,
 * content or tool-call deltas, finish chunk with an empty delta, then the
 * `choices: []` usage chunk when `include_usage` was asked for. Frame 0 is
 * always the role chunk; fault options count chunks after it.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export function renderChatStreamFrames(plan: ChatReplyPlan, includeUsage: boolean): string[] {
  // Only the delta and finish_reason vary between chunks, so the envelope is
  // serialized once and the rest concatenated: the stream stays cheap.
  const envelope = `{"id":"${plan.id}","object":"chat.completion.chunk","created":${plan.created},"model":${JSON.stringify(plan.model)},"service_tier":"default","system_fingerprint":"${SIM_SYSTEM_FINGERPRINT}"`;
  const head = `data: ${envelope},"choices":[{"index":0,"delta":`;
  const tail = includeUsage ? `,"logprobs":null,"finish_reason":null}],"usage":null}\n\n` : `,"logprobs":null,"finish_reason":null}]}\n\n`;
  const frame = (delta: unknown): string => head + JSON.stringify(delta) + tail;

  const frames: string[] = [];
  const toolsFirst = plan.toolCalls.length > 0 && plan.reasoning === null;
  if (toolsFirst) {
    frames.push(frame({ role: 'assistant', content: null, tool_calls: [toolHeader(plan.toolCalls[0] as PlannedToolCall, 0)] }));
  } else {
    frames.push(frame({ role: 'assistant', content: '', refusal: null }));
  }
  if (plan.reasoning !== null) {
    for (const piece of splitIntoWordPieces(plan.reasoning)) frames.push(frame({ reasoning: piece }));
  }
  if (plan.toolCalls.length > 0) {
    pushToolCallFrames(frames, frame, plan.toolCalls, toolsFirst);
  } else if (plan.content) {
    const pieces = plan.contentChunks && plan.contentChunks.join('') === plan.content ? plan.contentChunks : splitIntoWordPieces(plan.content);
    for (const piece of pieces) frames.push(frame({ content: piece }));
  }
  const finishTail = includeUsage ? '}],"usage":null}\n\n' : '}]}\n\n';
  frames.push(`${head}{},"logprobs":null,"finish_reason":${JSON.stringify(plan.finishReason)}${finishTail}`);
  if (includeUsage) frames.push(`data: ${envelope},"choices":[],"usage":${JSON.stringify(plan.usage)}}\n\n`);
  frames.push('data: [DONE]\n\n');
  return frames;
}

function toolHeader(call: PlannedToolCall, index: number): Record<string, unknown> {
  return { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
}

/**
 * Headers for every call, then argument fragments interleaved across calls
 * (0, 1, 0, 1, …) so clients must key fragments by `index`.
 */
function pushToolCallFrames(
  frames: string[],
  frame: (delta: unknown) => string,
  calls: PlannedToolCall[],
  firstHeaderSent: boolean,
): void {
  calls.forEach((call, index) => {
    if (index > 0 || !firstHeaderSent) frames.push(frame({ tool_calls: [toolHeader(call, index)] }));
  });
  const longest = Math.max(...calls.map((c) => c.arguments.length));
  for (let offset = 0; offset < longest; offset += ARGUMENT_PIECE_CHARS) {
    calls.forEach((call, index) => {
      const piece = call.arguments.slice(offset, offset + ARGUMENT_PIECE_CHARS);
      if (piece) frames.push(frame({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
  }
}
