/**
 * Preload (`node --import`) for bench/profile-request-latency.ts: records when each phase of a
 * request happened in the process it is loaded into (the gateway, or the bare proxy that is the
 * floor), from diagnostics channels only, so nothing in the code under test is patched:
 *   - `http.server.request.start` / `http.server.response.finish` (Node's HTTP server): arrival
 *     (headers parsed) and the response handed to the socket;
 *   - `switchyard:inference:stage` (src/pipeline/stage-timings-channel.ts): each pipeline stage;
 *   - `undici:client:sendHeaders`, `undici:request:headers`, `undici:request:trailers`: the
 *     upstream request written, the upstream answer's headers read, its body read to the end.
 * Only requests that ran alone are kept: one whose lifetime overlapped another's would mix their
 * phases (the load is light, so most run alone). On SIGUSR2 the kept samples are written to
 * `$SWITCHYARD_PHASES_DIR/<pid>.json` and forgotten, so the driver can drop its warm-up.
 * Plain JavaScript: the gateway under test runs compiled code with no TypeScript loader.
 */
import { subscribe } from 'node:diagnostics_channel';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.SWITCHYARD_PHASES_DIR;
if (!dir) throw new Error('record-request-phases: set SWITCHYARD_PHASES_DIR');
const MAX_SAMPLES = 50_000;

/** Requests in flight: { request, t0, marks: [name, ms since t0, …], overlapped, generationId }. */
const open = [];
let kept = [];

const alone = () => (open.length === 1 ? open[0] : undefined);
const mark = (sample, name, at = performance.now()) => sample.marks.push(name, at - sample.t0);

subscribe('http.server.request.start', ({ request, response }) => {
  for (const other of open) other.overlapped = true;
  const sample = { request, t0: performance.now(), marks: [], overlapped: open.length > 0, generationId: undefined };
  open.push(sample);
  // A response that never finishes (the client went away) must not keep every later request "overlapped".
  response.once('close', () => {
    const index = open.indexOf(sample);
    if (index >= 0) open.splice(index, 1);
  });
});

subscribe('http.server.response.finish', ({ request }) => {
  const index = open.findIndex((sample) => sample.request === request);
  if (index < 0) return;
  const [sample] = open.splice(index, 1);
  mark(sample, 'response finished');
  if (!sample.overlapped && kept.length < MAX_SAMPLES) kept.push({ marks: sample.marks });
});

subscribe('switchyard:inference:stage', ({ generationId, stage, startedAt, endedAt }) => {
  const sample = alone();
  if (!sample) return;
  sample.generationId ??= generationId;
  // A stage of an earlier request, run after its response finished: this sample is not alone.
  if (sample.generationId !== generationId) {
    sample.overlapped = true;
    return;
  }
  mark(sample, `${stage} start`, startedAt);
  mark(sample, `${stage} end`, endedAt);
});

for (const [name, label] of [
  ['undici:client:sendHeaders', 'upstream request sent'],
  ['undici:request:headers', 'upstream headers read'],
  ['undici:request:trailers', 'upstream body read'],
]) {
  subscribe(name, () => {
    const sample = alone();
    if (sample) mark(sample, label);
  });
}

process.on('SIGUSR2', () => {
  // Written aside and renamed into place: the driver never reads half a file.
  const path = join(dir, `${process.pid}.json`);
  writeFileSync(`${path}.partial`, JSON.stringify(kept));
  renameSync(`${path}.partial`, path);
  kept = [];
});
