/** Text of the last `user` content that has text (function responses carry none): where `[[sim:…]]` directives ride. */
export function readLastUserText(contents: unknown): string {
  if (!Array.isArray(contents)) return '';
  for (let index = contents.length - 1; index >= 0; index--) {
    const content = contents[index] as { role?: unknown; parts?: Array<{ text?: unknown }> } | null;
    if (content?.role !== undefined && content.role !== 'user') continue;
    const text = (content?.parts ?? []).map((part) => (typeof part?.text === 'string' ? part.text : '')).filter(Boolean).join('\n');
    if (text) return text;
  }
  return '';
}
