/**
 * Text of the last user message that says something (tool_result-only turns are skipped, so
 * the directives of the question keep applying through a tool loop), and whether the
 * conversation currently ends with tool results.
 */
export function readAnthropicPrompt(messages: unknown): { text: string; afterToolResult: boolean } {
  if (!Array.isArray(messages)) return { text: '', afterToolResult: false };
  // A trailing mid-conversation system turn does not change what the conversation ends with.
  const turns = messages.filter((message) => (message as { role?: unknown } | null)?.role !== 'system');
  const last = turns[turns.length - 1] as { role?: unknown; content?: unknown } | undefined;
  const afterToolResult = last?.role === 'user' && Array.isArray(last.content) && (last.content as Array<{ type?: unknown }>).some((block) => block?.type === 'tool_result');
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as { role?: unknown; content?: unknown } | null;
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return { text: message.content, afterToolResult };
    const texts = Array.isArray(message.content)
      ? (message.content as Array<{ type?: unknown; text?: unknown }>).filter((block) => block?.type === 'text' && typeof block.text === 'string').map((block) => block.text as string)
      : [];
    if (texts.length > 0) return { text: texts.join('\n'), afterToolResult };
  }
  return { text: '', afterToolResult };
}
