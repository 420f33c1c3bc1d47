/** One named SSE event as Anthropic sends it. */
export interface AnthropicWireEvent {
  event: string;
  data: Record<string, unknown>;
}

/**
 * Reads a raw `/messages` stream as (event name, parsed data) pairs, pings included, so tests
 * can check Anthropic's exact sequence, which SDKs hide. The event name comes from the
 * `event:` line; a frame without one is reported as `(none)` so tests can catch it.
 */
export async function readAnthropicEvents(response: Response): Promise<AnthropicWireEvent[]> {
  const text = await response.text();
  const events: AnthropicWireEvent[] = [];
  for (const frame of text.split('\n\n')) {
    if (frame.trim() === '') continue;
    let event = '(none)';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    events.push({ event, data: JSON.parse(data.join('\n')) as Record<string, unknown> });
  }
  return events;
}

/** Checks Anthropic's grammar: start, blocks that never interleave, delta, stop. Returns problems. */
export function checkAnthropicEventOrder(events: AnthropicWireEvent[]): string[] {
  const problems: string[] = [];
  const names = events.map((e) => e.event).filter((name) => name !== 'ping');
  if (names[0] !== 'message_start') problems.push(`first event is ${names[0]}`);
  if (names.at(-1) !== 'message_stop') problems.push(`last event is ${names.at(-1)}`);
  if (names.at(-2) !== 'message_delta') problems.push(`event before the last is ${names.at(-2)}`);
  let open: number | undefined;
  let next = 0;
  for (const { event, data } of events) {
    if (event !== data.type) problems.push(`event ${event} carries type ${String(data.type)}`);
    const index = data.index as number | undefined;
    if (event === 'content_block_start') {
      if (open !== undefined) problems.push(`block ${index} starts while ${open} is open`);
      if (index !== next) problems.push(`block ${index} starts, expected ${next}`);
      open = index;
      next += 1;
    } else if (event === 'content_block_delta' && index !== open) problems.push(`delta for ${index} while ${open} is open`);
    else if (event === 'content_block_stop') {
      if (index !== open) problems.push(`stop for ${index} while ${open} is open`);
      open = undefined;
    } else if (event === 'message_delta' && open !== undefined) problems.push(`message_delta while ${open} is open`);
  }
  return problems;
}
