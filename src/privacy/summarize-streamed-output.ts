/**
 * Reassembles what a client was streamed, for the opt-in content log: the text, reasoning and
 * tool-call arguments of OpenAI chat chunks (`choices[].delta`), legacy completions
 * (`choices[].text`), generated images (`delta.images`, whose data the log then omits) and Anthropic events (`delta.text`, `delta.thinking`, `delta.partial_json`).
 */
export function summarizeStreamedOutput(payloads: readonly string[]): { content: string; reasoning: string; tool_arguments: string; images?: unknown[] } {
  const output: { content: string; reasoning: string; tool_arguments: string; images?: unknown[] } = { content: '', reasoning: '', tool_arguments: '' };
  for (const payload of payloads) {
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const choice of (Array.isArray(event.choices) ? event.choices : []) as Array<Record<string, unknown>>) {
      const delta = (choice.delta ?? {}) as Record<string, unknown>;
      output.content += text(delta.content) + text(choice.text);
      output.reasoning += text(delta.reasoning);
      if (Array.isArray(delta.images) && delta.images.length > 0) (output.images ??= []).push(...(delta.images as unknown[]));
      for (const call of (Array.isArray(delta.tool_calls) ? delta.tool_calls : []) as Array<{ function?: { arguments?: unknown } }>) {
        output.tool_arguments += text(call.function?.arguments);
      }
    }
    const delta = event.delta as Record<string, unknown> | undefined;
    if (event.type === 'content_block_delta' && delta) {
      output.content += text(delta.text);
      output.reasoning += text(delta.thinking);
      output.tool_arguments += text(delta.partial_json);
    }
  }
  return output;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
