import { setTimeout as sleep } from 'node:timers/promises';

/** One request of a simulated provider batch. */
export interface SimBatchLine {
  customId: string;
  /** The line asks for the completion window to run out when its turn comes (`[[sim:batch_expire=1]]`). */
  expire: boolean;
  /** Run the request against the simulator's own endpoint. */
  run(signal: AbortSignal): Promise<SimLineOutcome>;
}

/** What one line's request got back: an HTTP answer, or a broken connection. */
export type SimLineOutcome = { status: number; body: unknown; requestId: string } | { transportError: string };

/** How a line ended; `cancelled` / `expired` lines never ran. */
export type SimLineResult = { line: SimBatchLine; outcome: SimLineOutcome } | { line: SimBatchLine; outcome: 'cancelled' | 'expired' };

export interface RunSimBatchLinesOptions {
  lines: SimBatchLine[];
  /** Lines in flight at once. */
  concurrency: number;
  /** Polled before each line starts: the client asked to cancel. */
  cancelled(): boolean;
  /** Called once per line, as it ends (in completion order). */
  onResult(result: SimLineResult): void;
  /** Aborted when the simulator closes: stop without reporting the rest. */
  signal: AbortSignal;
}

/**
 * Run a simulated batch's lines with bounded concurrency, in input order. A cancel stops new
 * lines (the rest end `cancelled`); an expiring line ends the window (it and the rest end
 * `expired`). Returns how the batch ended, or `aborted` when the simulator closed.
 */
export async function runSimBatchLines(options: RunSimBatchLinesOptions): Promise<'completed' | 'cancelled' | 'expired' | 'aborted'> {
  const { lines, signal } = options;
  let next = 0;
  let ending: 'cancelled' | 'expired' | undefined;
  const worker = async (): Promise<void> => {
    while (next < lines.length && !signal.aborted) {
      const line = lines[next++] as SimBatchLine;
      if (!ending && options.cancelled()) ending = 'cancelled';
      if (!ending && line.expire) ending = 'expired';
      if (ending) {
        options.onResult({ line, outcome: ending });
        continue;
      }
      const outcome = await line.run(signal);
      if (signal.aborted) return;
      options.onResult({ line, outcome });
      // Let a cancel or a poll in between land, as on a real queue.
      await sleep(0);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, lines.length)) }, worker));
  if (signal.aborted) return 'aborted';
  return ending ?? (options.cancelled() ? 'cancelled' : 'completed');
}

/** POST a line's body to the simulator's own endpoint, as the provider's batch workers would. */
export async function postSimBatchLine(options: {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
}): Promise<SimLineOutcome> {
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { ...options.headers, 'content-type': 'application/json' },
      body: JSON.stringify(options.body),
      signal: options.signal,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // a deliberately broken body (`malformed=1`) stays text
    }
    return { status: response.status, body, requestId: response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? '' };
  } catch (error) {
    return { transportError: error instanceof Error ? error.message : String(error) };
  }
}
