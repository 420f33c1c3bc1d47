import type { CancelSignal } from '../upstream/upstream-client.js';

/**
 * A request's AbortController (`ctx.abort`) that can also be watched without its AbortSignal. Node
 * creates an AbortController's signal on the first `.signal` read, and an AbortSignal costs ~6 µs
 * (an EventTarget); the upstream call of every request only needs to know when the request is
 * aborted, so it watches this object instead (see {@link cancelSignalOf}), and the AbortSignal is
 * made only where one is needed (a retry's wait, an abort).
 */
export class RequestAbortController extends AbortController implements CancelSignal {
  #aborted = false;
  #listeners: Array<() => void> | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  /** The signal's reason once aborted (AbortSignal's own default when abort() had none). */
  get reason(): unknown {
    return this.#aborted ? this.signal.reason : undefined;
  }

  override abort(reason?: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    super.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    for (const listener of listeners ?? []) listener();
  }

  /** Listeners run once, on abort (as AbortSignal's 'abort' listeners do: an abort happens once). */
  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.#aborted) return;
    (this.#listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.#listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.#listeners!.splice(at, 1);
  }
}

/** What to give the upstream client: the controller itself when it can be watched, its signal otherwise. */
export function cancelSignalOf(controller: AbortController): CancelSignal {
  return controller instanceof RequestAbortController ? controller : controller.signal;
}
