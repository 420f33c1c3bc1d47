/** What V8's `--trace-gc-nvp` lines say about collections during a load window. */
export interface GcTraceSummary {
  scavenges: number;
  markCompacts: number;
  /** Main-thread pause, ms: average and longest, per kind. */
  scavengePauseMs: { average: number; max: number };
  markCompactPauseMs: { average: number; max: number };
  /** Bytes moved to the old generation by scavenges, in all and per unit of work (request or stream). */
  promotedBytes: number;
  promotedBytesPerUnit: number;
  /**
   * Of what one scavenge copied within the young generation (objects surviving their first
   * collection: `new_space_survived`), the share the next scavenge promoted (they survived a
   * second one). Pairs with a mark-compact between them are left out: a mark-compact promotes
   * every live young object, so the scavenge after it has nothing to promote. Near 1, what lives
   * through one scavenge is not short-lived garbage caught in flight but lives on.
   */
  secondSurvivalRate: number;
}

interface NvpLine {
  atMs: number;
  kind: string;
  pauseMs: number;
  promoted: number;
  survived: number;
}

/** One `--trace-gc-nvp` line: `[pid:0x…]   11449 ms: pause=7.8 mutator=… gc=s … promoted=… new_space_survived=…`. */
function parseLine(line: string): NvpLine | undefined {
  const at = /\s(\d+) ms: pause=/.exec(line);
  if (!at) return undefined;
  const fields = new Map<string, string>();
  for (const pair of line.slice(at.index).split(/\s+/)) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const kind = fields.get('gc');
  if (kind === undefined) return undefined;
  return {
    atMs: Number(at[1]),
    kind,
    pauseMs: Number(fields.get('pause') ?? 0),
    promoted: Number(fields.get('promoted') ?? 0),
    survived: Number(fields.get('new_space_survived') ?? 0),
  };
}

function pauses(lines: NvpLine[]): { average: number; max: number } {
  if (lines.length === 0) return { average: 0, max: 0 };
  const total = lines.reduce((sum, line) => sum + line.pauseMs, 0);
  return { average: total / lines.length, max: Math.max(...lines.map((line) => line.pauseMs)) };
}

/**
 * Summarizes the collections of the last `windowMs` of the trace (the load window: the trace's
 * clock is the process's, so the window is counted back from its last line), per `units` of work.
 */
export function summarizeGcTrace(text: string, options: { windowMs: number; units: number }): GcTraceSummary {
  const all = text.split('\n').map(parseLine).filter((line): line is NvpLine => line !== undefined);
  const end = all.at(-1)?.atMs ?? 0;
  const window = all.filter((line) => line.atMs > end - options.windowMs);
  const scavenges = window.filter((line) => line.kind === 's');
  const markCompacts = window.filter((line) => line.kind === 'mc');
  const promoted = scavenges.reduce((sum, line) => sum + line.promoted, 0);
  let copiedBefore = 0;
  let promotedAfter = 0;
  for (let index = 1; index < window.length; index++) {
    const [previous, next] = [window[index - 1] as NvpLine, window[index] as NvpLine];
    if (previous.kind !== 's' || next.kind !== 's') continue;
    copiedBefore += previous.survived;
    promotedAfter += next.promoted;
  }
  return {
    scavenges: scavenges.length,
    markCompacts: markCompacts.length,
    scavengePauseMs: pauses(scavenges),
    markCompactPauseMs: pauses(markCompacts),
    promotedBytes: promoted,
    promotedBytesPerUnit: options.units > 0 ? promoted / options.units : 0,
    secondSurvivalRate: copiedBefore > 0 ? promotedAfter / copiedBefore : 0,
  };
}
