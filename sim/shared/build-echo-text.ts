const ECHO_LIMIT = 200;

/**
 * The deterministic reply text: `Echo: <first 200 chars of the prompt>`, or,
 * when `words` is set, exactly that many words cycled from the echo, so
 * benchmarks can ask for long streams of a known size.
 */
export function buildEchoText(prompt: string, words?: number): string {
  const echo = `Echo: ${prompt.slice(0, ECHO_LIMIT)}`.trim();
  if (words === undefined) return echo;
  const source = echo.split(/\s+/);
  const out = new Array<string>(words);
  for (let i = 0; i < words; i++) out[i] = source[i % source.length] as string;
  return out.join(' ');
}
