/**
 * `next(value)` at once when the value is already there, after it resolves when it is a promise.
 * For request-path steps that usually answer synchronously (in-memory stores, a loaded tokenizer):
 * the synchronous answer costs no promise and no microtask turn, and the result stays synchronous
 * so the caller can skip its own await.
 */
export function thenOrNow<T, R>(value: T | Promise<T>, next: (value: T) => R): R | Promise<Awaited<R>> {
  return value instanceof Promise ? (value.then(next) as Promise<Awaited<R>>) : next(value);
}
