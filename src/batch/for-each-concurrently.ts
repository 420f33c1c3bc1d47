/**
 * Runs `work` on the items of a list or an async stream, at most `concurrency` at a time, pulling
 * the next item only when a worker is free (a stream is never read ahead). `work` returning false
 * stops pulling more; so does a failure, which is rethrown once the items in flight finished.
 */
export async function forEachConcurrently<T>(items: Iterable<T> | AsyncIterable<T>, concurrency: number, work: (item: T) => Promise<boolean | void>): Promise<void> {
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      // Concurrent next() calls on an async generator are queued by the runtime, one item each.
      const next = await iterator.next();
      if (next.done || stopped) return;
      try {
        if ((await work(next.value)) === false) stopped = true;
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, concurrency) }, worker));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
