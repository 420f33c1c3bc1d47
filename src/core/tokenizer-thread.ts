import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/**
 * The o200k tokenizer lives in a worker thread, started on the first exact count. Its tables cost
 * about 40 MB and most of a second to load, all of it synchronous: at start they made every idle
 * gateway 40 MB larger, and loaded on the event loop mid-traffic they stalled it for ~385 ms.
 * In a thread of its own the load never holds the event loop, and a gateway that never counts
 * exactly (most do not: see estimatePromptTokensUpperBound) never pays for the tables.
 *
 * Counting itself stays synchronous for its callers: the event loop posts the texts and sleeps on
 * a shared word until the thread has answered (Atomics.wait), so the counts are the tokenizer's
 * own, and a count costs the caller what counting in place cost plus a thread round trip.
 * Callers that can wait for the load do (loadTokenizer, withTokenizer); a synchronous count
 * before the tables are loaded waits for them (correct, but it holds the event loop once).
 */

/** Shared words: [0] the tables' state (0 loading, 1 loaded, 2 failed), [1] an answer is waiting (1). */
const LOADED = 0;
const ANSWERED = 1;
const LOAD_FAILED = 2;
/** A thread that does not answer within this is broken: the count throws instead of hanging. */
const ANSWER_TIMEOUT_MS = 60_000;

/** The thread's code (CommonJS, evaluated: no file to find under tsx or in dist/). */
const THREAD_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
let countTokens;
try {
  ({ countTokens } = require(workerData.modulePath));
} catch (caught) {
  // Whoever sleeps on the word wakes now, not at the timeout.
  Atomics.store(state, ${LOADED}, ${LOAD_FAILED});
  Atomics.notify(state, ${LOADED});
  throw caught;
}
const port = workerData.port;
const count = (groups) => {
  try {
    return groups.map((windows) => { let tokens = 0; for (const text of windows) tokens += countTokens(text); return tokens; });
  } catch (caught) { return { error: String(caught) }; }
};
Atomics.store(state, ${LOADED}, 1);
Atomics.notify(state, ${LOADED});
parentPort.postMessage({ loaded: true });
// Waited for: the answer, then the shared word the event loop sleeps on.
port.on('message', (groups) => {
  port.postMessage(count(groups));
  Atomics.store(state, ${ANSWERED}, 1);
  Atomics.notify(state, ${ANSWERED});
});
// Awaited: the answer as a message; the event loop never waits for it.
parentPort.on('message', ({ id, groups }) => parentPort.postMessage({ id, answer: count(groups) }));
`;

type Answer = number[] | { error: string };

interface TokenizerThread {
  worker: Worker;
  state: Int32Array;
  port: MessagePort;
  loaded: Promise<void>;
  /** Awaited counts in flight, by id. */
  pending: Map<number, (answer: Answer) => void>;
}

let nextId = 0;

let thread: TokenizerThread | undefined;

function startThread(): TokenizerThread {
  if (thread) return thread;
  const state = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const modulePath = createRequire(import.meta.url).resolve('gpt-tokenizer/encoding/o200k_base');
  // No tsx or other loader in the thread: it runs plain CommonJS.
  const worker = new Worker(THREAD_SOURCE, { eval: true, execArgv: [], workerData: { modulePath, state: state.buffer, port: port2 }, transferList: [port2] });
  port1.unref();
  // Referenced while it loads (someone may be awaiting it), then never keeps the process alive.
  const pending = new Map<number, (answer: Answer) => void>();
  const loaded = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { loaded?: true; id?: number; answer?: Answer }) => {
      if (message.loaded) return resolve();
      const settle = pending.get(message.id ?? -1);
      pending.delete(message.id ?? -1);
      settle?.(message.answer ?? { error: 'no answer' });
    });
    const fail = (reason: string): void => {
      reject(new Error(`the tokenizer thread failed: ${reason}`));
      for (const settle of pending.values()) settle({ error: reason });
      pending.clear();
    };
    worker.once('error', (error) => fail(String(error)));
    // A thread that is gone is forgotten: counts in flight get an error, the next count starts another.
    worker.once('exit', (code) => {
      if (thread?.worker === worker) thread = undefined;
      fail(`it exited (code ${code})`);
    });
  }).finally(() => worker.unref());
  // A failed load is reported to whoever awaits it; nobody awaiting is not an unhandled rejection.
  loaded.catch(() => undefined);
  thread = { worker, state, port: port1, loaded, pending };
  return thread;
}

/** Starts the tokenizer thread if needed; resolves once its tables are loaded. The event loop keeps running meanwhile. */
export function loadTokenizer(): Promise<void> {
  return startThread().loaded;
}

/** Stops the thread (its tables are freed); the next count starts another. Resolves once it is gone. */
export async function stopTokenizer(): Promise<void> {
  await thread?.worker.terminate();
}

/** Whether the tables are loaded (a count now answers without waiting for them). */
export function tokenizerLoaded(): boolean {
  return thread !== undefined && Atomics.load(thread.state, LOADED) === 1;
}

/** For each group of windows, their tokens summed; the caller waits (see the module comment). */
export function countWindowsNow(groups: readonly (readonly string[])[]): number[] {
  const { state, port } = startThread();
  if (Atomics.load(state, LOADED) === 0 && Atomics.wait(state, LOADED, 0, ANSWER_TIMEOUT_MS) === 'timed-out') {
    throw new Error('the tokenizer thread did not load its tables');
  }
  if (Atomics.load(state, LOADED) === LOAD_FAILED) throw new Error('the tokenizer thread could not load its tables');
  Atomics.store(state, ANSWERED, 0);
  port.postMessage(groups);
  if (Atomics.wait(state, ANSWERED, 0, ANSWER_TIMEOUT_MS) === 'timed-out') throw new Error('the tokenizer thread did not answer');
  return counted(receiveMessageOnPort(port)?.message as Answer | undefined);
}

/** countWindowsNow without waiting: the event loop keeps turning until the thread answers. */
export async function countWindowsLater(groups: readonly (readonly string[])[]): Promise<number[]> {
  const { worker, loaded, pending } = startThread();
  await loaded;
  const id = nextId++;
  const answer = new Promise<Answer>((resolve) => pending.set(id, resolve));
  worker.ref();
  worker.postMessage({ id, groups });
  try {
    return counted(await answer);
  } finally {
    if (pending.size === 0) worker.unref();
  }
}

function counted(answer: Answer | undefined): number[] {
  if (Array.isArray(answer)) return answer;
  throw new Error(`the tokenizer thread failed: ${answer?.error ?? 'no answer'}`);
}
