/** One server-sent event: its `event:` name (if any) and joined `data:` lines. */
import type { SseEvent } from '../core/sse-event.js';

/**
 * Incremental SSE framing (WHATWG event-stream rules, the subset LLM APIs use): feed text
 * as it arrives, get back complete events. Comments (`:` lines) are dropped. The buffer is
 * scanned with indexOf from where the last scan stopped, never re-split.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event: string | undefined = undefined;

  /** Appends text and returns the events it completed. */
  push(text: string): SseEvent[] {
    const buffer = this.#buffer + text;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf('\n', start);
      if (newline < 0) break;
      if (
        buffer.charCodeAt(newline + 1) === 10 &&
        this.#data.length === 0 &&
        isDataField(buffer, start) &&
        buffer.charCodeAt(newline - 1) !== 13
      ) {
        // The shape LLM APIs send for nearly every event, `data: <json>\n\n`, in one step.
        events.push({ event: this.#event, data: buffer.slice(start + 6, newline) });
        this.#event = undefined;
        start = newline + 2;
        continue;
      }
      const line = buffer.charCodeAt(newline - 1) === 13 && newline > start ? buffer.slice(start, newline - 1) : buffer.slice(start, newline);
      start = newline + 1;
      this.#consumeLine(line, events);
    }
    this.#buffer = start === 0 ? buffer : buffer.slice(start);
    return events;
  }

  /** Ends the stream: a final event without its blank line still counts. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.#buffer.length > 0) this.#consumeLine(this.#buffer.replace(/\r$/, ''), events);
    this.#buffer = '';
    this.#consumeLine('', events);
    return events;
  }

  #consumeLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.#data.length > 0) events.push({ event: this.#event, data: this.#data.join('\n') });
      this.#data = [];
      this.#event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' */) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
  }
}

/**
 * Whether a line starts with `data: `. Six character compares: startsWith costs several times
 * more (a builtin call that compares character by character), once per event of every stream.
 */
function isDataField(buffer: string, at: number): boolean {
  return (
    buffer.charCodeAt(at) === 100 /* d */ &&
    buffer.charCodeAt(at + 1) === 97 /* a */ &&
    buffer.charCodeAt(at + 2) === 116 /* t */ &&
    buffer.charCodeAt(at + 3) === 97 /* a */ &&
    buffer.charCodeAt(at + 4) === 58 /* : */ &&
    buffer.charCodeAt(at + 5) === 32 /* space */
  );
}
