import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full GC kept before it collects
 * again: 50 % (a factor of 1.5). V8's own choice is dynamic and reaches 4× on a machine with
 * this much memory, and a gateway promotes a steady trickle of short-lived request objects: under
 * load the heap filled with that garbage to about 4× the live set before a full GC (peak RSS
 * 264 MB against 177 MB with the limit, 1,000 slow streams 211 MB against 172 MB), for no
 * measurable saving in CPU (callgrind, 10,000 requests: 903 k vs 873 k main-thread instructions
 * per request, inside the noise). BENCHMARKS.md has the side-by-side figures.
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets V8's heap growing factor for this process (read at every GC, so setting it at start-up
 * takes effect), unless the process was started with its own `--heap-growing-percent`.
 * Returns whether it set it.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): boolean {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
