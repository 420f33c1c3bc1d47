/**
 * A tiny Server-Sent Events reader for e2e tests: it keeps comment lines (which real clients
 * drop) so tests can check keep-alives, and yields events as they arrive so tests can act
 * mid-stream (abort, timing).
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** One item of a stream, in arrival order. */
export type SseItem =
  | { type: 'comment'; text: string; at: number }
  | { type: 'data'; data: string; at: number };

/** Everything a finished stream carried. */
export interface SseTranscript {
  items: SseItem[];
  /** Comment texts without the leading colon (and one optional space). */
  comments: string[];
  /** Raw `data` payloads, `[DONE]` included. */
  data: string[];
  /** Parsed JSON payloads (everything but `[DONE]`). */
  chunks: Array<Record<string, unknown>>;
  /** Payloads that were neither `[DONE]` nor valid JSON (a client would choke on them). */
  invalid: string[];
  /** Whether `data: [DONE]` was seen. */
  done: boolean;
  /** Whether the body ended with an error (socket reset, abort) instead of a clean end. */
  failed: boolean;
}

/** Yields comments and data events of an SSE body as they arrive. */
export async function* iterateSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseItem> {
  const decoder = new TextDecoder();
  let buffer = '';
  let dataLines: string[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
        const line = buffer.slice(0, newline);
        const width = buffer.startsWith('\r\n', newline) ? 2 : 1;
        buffer = buffer.slice(newline + width);
        if (line === '') {
          if (dataLines.length > 0) yield { type: 'data', data: dataLines.join('\n'), at: Date.now() };
          dataLines = [];
        } else if (line.startsWith(':')) {
          yield { type: 'comment', text: line.slice(1).replace(/^ /, ''), at: Date.now() };
        } else {
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') dataLines.push(value);
        }
      }
      if (done) break;
    }
    // A final event without its blank line is still delivered, so truncation shows up in tests.
    if (buffer !== '' && buffer.startsWith('data:')) dataLines.push(buffer.slice(5).replace(/^ /, ''));
    if (dataLines.length > 0) yield { type: 'data', data: dataLines.join('\n'), at: Date.now() };
  } finally {
    reader.releaseLock();
  }
}

/** Reads a whole SSE response; a body that errors part-way is reported as `failed`, not thrown. */
export async function readSse(response: Response): Promise<SseTranscript> {
  if (!response.body) throw new Error('response has no body');
  const transcript: SseTranscript = { items: [], comments: [], data: [], chunks: [], invalid: [], done: false, failed: false };
  try {
    for await (const item of iterateSse(response.body)) addItem(transcript, item);
  } catch {
    transcript.failed = true;
  }
  return transcript;
}

function addItem(transcript: SseTranscript, item: SseItem): void {
  transcript.items.push(item);
  if (item.type === 'comment') {
    transcript.comments.push(item.text);
    return;
  }
  transcript.data.push(item.data);
  if (item.data === '[DONE]') {
    transcript.done = true;
    return;
  }
  try {
    transcript.chunks.push(JSON.parse(item.data) as Record<string, unknown>);
  } catch {
    transcript.invalid.push(item.data);
  }
}

/** Concatenates `choices[0].delta.content` over the chunks. */
export function joinDeltaContent(chunks: Array<Record<string, unknown>>): string {
  let text = '';
  for (const chunk of chunks) {
    const choices = chunk.choices as Array<{ delta?: { content?: unknown } }> | undefined;
    const content = choices?.[0]?.delta?.content;
    if (typeof content === 'string') text += content;
  }
  return text;
}
