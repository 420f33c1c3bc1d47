/**
 * What the upstream client's dispatch handlers share: the exchange can be aborted before undici
 * connects it (the abort is then made on connect) or after, and the client's deadline timer and
 * abort listener are released once, when the exchange is over.
 */
export abstract class UpstreamAnswerHandler {
  #abortUpstream: ((reason: unknown) => void) | undefined;
  #abortReason: unknown = undefined;
  #aborted = false;
  #release: (() => void) | undefined;

  /** What to run once the exchange is over (set by the client before it dispatches). */
  onRelease(release: () => void): void {
    this.#release = release;
  }

  /** Stops the exchange (the client went away, the deadline passed); undici then calls onError with the reason. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortReason = reason;
    this.#abortUpstream?.(reason);
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.#abortUpstream = abort as (reason: unknown) => void;
    if (this.#aborted) abort(this.#abortReason as Error);
  }

  /** Ends the exchange from inside the handler (a body over its limit); undici then calls onError. */
  protected abortUpstream(reason: Error): void {
    this.#abortUpstream?.(reason);
  }

  /** The exchange is over: runs the release, once. */
  protected released(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}
