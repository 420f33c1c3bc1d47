import { invalidResponse } from '../../protocols/shared/invalid-response.js';
import { toUpstreamError } from '../../upstream/upstream-client.js';
import { sendBatchCall, type BatchCall, type BatchCallContext } from './send-batch-call.js';

/** What the gateway reads of a Gemini batch operation (`GET …/batches/{id}`), without its responses. */
export interface GeminiBatchOperation {
  /** `batches/{id}`. */
  name: string | undefined;
  done: boolean;
  /** `metadata.state`, e.g. `BATCH_STATE_RUNNING`. */
  state: string | undefined;
  /** `metadata.batchStats`: int64 counts arrive as strings, zeros left out. */
  stats: { requestCount?: unknown; successfulRequestCount?: unknown; failedRequestCount?: unknown; pendingRequestCount?: unknown };
  /** Why a failed batch failed (google.rpc.Status). */
  error: { code?: unknown; message?: unknown } | undefined;
}

/** One inlined response: `{response}` or `{error}`, with the request's `metadata` (`key`). */
export type GeminiInlinedResponse = { response?: unknown; error?: { code?: unknown; message?: unknown; status?: unknown }; metadata?: { key?: unknown } };

const SUMMARY_PATHS = ['$.name', '$.done', '$.error', '$.metadata.state', '$.metadata.batchStats'];
/** A finished batch carries its responses twice: in `metadata.output` and in the operation's `response` (each array, then its items). */
const OUTPUTS = ['$.metadata.output.inlinedResponses.inlinedResponses', '$.response.inlinedResponses.inlinedResponses'];
const RESPONSE_PATHS = [...OUTPUTS, ...OUTPUTS.map((path) => `${path}.*`)];

/**
 * Fetch a batch operation and parse it as it streams: the summary fields are kept, and with
 * `withResponses` each inlined response is yielded as soon as it is complete, from whichever
 * copy of the output comes first; everything else is dropped as it is read. A finished batch's
 * operation holds every response (twice), so neither a poll nor reading results ever holds it whole,
 * and reading stops as soon as nothing it needs is left (the second copy is not parsed).
 */
export async function* streamGeminiBatchOperation(
  context: BatchCallContext,
  call: BatchCall,
  withResponses: boolean,
): AsyncGenerator<GeminiInlinedResponse, GeminiBatchOperation> {
  const provider = context.provider.name;
  const response = await sendBatchCall(context, call);
  const operation: GeminiBatchOperation = { name: undefined, done: false, state: undefined, stats: {}, error: undefined };
  const ready: GeminiInlinedResponse[] = [];
  let source: unknown;
  let sourceEnded = false;
  // Loaded on the first Gemini batch read, not at startup: most gateways never run one.
  const { JSONParser } = await import('@streamparser/json');
  const parser = new JSONParser({ paths: withResponses ? [...SUMMARY_PATHS, ...RESPONSE_PATHS] : SUMMARY_PATHS, keepStack: false });
  parser.onValue = ({ value, key, stack }) => {
    const top = stack[1]?.key;
    if (stack.length === 1) {
      if (key === 'name' && typeof value === 'string') operation.name = value;
      else if (key === 'done') operation.done = value === true;
      else if (key === 'error' && isObject(value)) operation.error = value;
    } else if (top === 'metadata' && stack.length === 2) {
      if (key === 'state' && typeof value === 'string') operation.state = value;
      else if (key === 'batchStats' && isObject(value)) operation.stats = value;
    } else if (typeof key === 'number') {
      source ??= top;
      if (top === source) ready.push(isObject(value) ? value : {});
    } else if (key === 'inlinedResponses' && Array.isArray(value)) {
      if (top === source) sourceEnded = true;
    }
  };
  const complete = () =>
    operation.done &&
    operation.state !== undefined &&
    (operation.state !== 'BATCH_STATE_FAILED' || operation.error !== undefined) &&
    (!withResponses || sourceEnded);
  const request = { providerName: provider, timeouts: context.provider.timeouts, signal: call.signal ?? new AbortController().signal };
  try {
    for await (const chunk of response.body) {
      try {
        parser.write(chunk as Buffer);
      } catch (error) {
        throw invalidResponse(provider, `batch operation is not valid JSON (${error instanceof Error ? error.message : String(error)})`, '');
      }
      while (ready.length > 0) yield ready.shift() as GeminiInlinedResponse;
      if (complete()) break;
    }
  } catch (error) {
    throw toUpstreamError(error, { request, deadline: response.deadline });
  } finally {
    if (!response.body.destroyed) response.body.destroy();
  }
  if (!parser.isEnded && !complete()) throw invalidResponse(provider, 'batch operation ended before its JSON did', '');
  // A 200 that is not a batch operation must not read as a batch forever running.
  if (operation.name === undefined || (operation.state === undefined && !operation.done)) throw invalidResponse(provider, 'answer is not a batch operation (no name or state)', '');
  return operation;
}

/** Poll: the operation's summary only (its responses are skipped as they stream by). */
export async function readGeminiBatchOperation(context: BatchCallContext, call: BatchCall): Promise<GeminiBatchOperation> {
  const stream = streamGeminiBatchOperation(context, call, false);
  for (;;) {
    const next = await stream.next();
    if (next.done) return next.value;
  }
}

function isObject(value: unknown): value is Record<string, never> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
