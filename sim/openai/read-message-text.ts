/**
 * The plain text of an OpenAI message `content` (string, or an array of parts
 * of which only text and refusal parts carry text). Non-text parts count as
 * nothing: the simulator only needs text for echoing and token counts.
 */
export function readMessageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let out = '';
  for (const part of content as Array<Record<string, unknown>>) {
    const text = typeof part?.text === 'string' ? part.text : typeof part?.refusal === 'string' ? part.refusal : '';
    if (text) out = out ? `${out}\n${text}` : text;
  }
  return out;
}

/** Text of the last `user` message of a chat body, or '' when there is none. */
export function findLastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as Record<string, unknown> | null;
    if (message?.role === 'user') return readMessageText(message.content);
  }
  return '';
}
