import type { CloudCredential, CloudCredentialStatus } from '../../core/provider-types.js';
import { registerSecret } from '../../core/secret-registry.js';

/** One fetch from a credential library: the value, when it expires, and the link of the chain that gave it. */
export interface FetchedCredential<T> {
  value: T;
  /** Epoch ms; undefined = does not expire (cached until invalidated). */
  expiresAt: number | undefined;
  resolvedVia?: string;
}

/**
 * Refresh this long before expiry (or at half the lifetime of short-lived credentials). It is
 * inside the libraries' own 5-minute windows (AWS chain, google-auth-library, MSAL), so when
 * we ask again their caches fetch anew rather than hand back the same credential.
 */
export const REFRESH_AHEAD_MS = 4 * 60_000;
/** After a failed background refresh, wait this long before the next one (the cached value still serves). */
const RETRY_AFTER_FAILURE_MS = 5_000;
/** A credential endpoint that does not answer fails the fetch after this long (libraries' own timeouts vary, some have none). */
const FETCH_TIMEOUT_MS = 15_000;

/**
 * A cloud credential cached in front of its library. Requests get the cached value at once;
 * once it is due for refresh, one background fetch replaces it (single flight) while requests
 * keep using the still-valid one, so a refresh never blocks a request. Only with nothing valid
 * cached (first use, expired, invalidated) do callers wait — and then they share one fetch.
 * `fetch(force)` gets `force: true` for refreshes, so a library with its own cache (the AWS
 * chain) fetches anew.
 */
export class RefreshAheadCredential<T> implements CloudCredential<T> {
  readonly source: string;
  readonly #fetch: (force: boolean) => Promise<FetchedCredential<T>>;
  readonly #describeError: (error: unknown) => string;
  readonly #secretsOf: (value: T) => Array<string | undefined>;
  readonly #onInvalidate: (() => void) | undefined;
  readonly #now: () => number;
  readonly #fetchTimeoutMs: number;
  #current: (FetchedCredential<T> & { refreshAt: number }) | undefined;
  #pending: Promise<T> | undefined;
  #retryAt = 0;
  #lastError: string | null = null;
  #lastRefresh: { at: number; ok: boolean } | undefined;
  #resolvedVia: string | null = null;

  constructor(options: {
    source: string;
    fetch: (force: boolean) => Promise<FetchedCredential<T>>;
    /** The secret strings of a fetched value, registered with the scrubber as they are fetched. */
    secretsOf: (value: T) => Array<string | undefined>;
    /** The failure as shown in status and errors: must not contain the secret. */
    describeError: (error: unknown) => string;
    /** Called by `invalidate()`: drop the library's own cache too, when it has one that a forced fetch would not bypass. */
    onInvalidate?: () => void;
    now?: () => number;
    fetchTimeoutMs?: number;
  }) {
    this.source = options.source;
    this.#fetch = options.fetch;
    this.#secretsOf = options.secretsOf;
    this.#describeError = options.describeError;
    this.#onInvalidate = options.onInvalidate;
    this.#now = options.now ?? Date.now;
    this.#fetchTimeoutMs = options.fetchTimeoutMs ?? FETCH_TIMEOUT_MS;
  }

  get(): Promise<T> {
    const now = this.#now();
    const current = this.#current;
    if (current && (current.expiresAt === undefined || now < current.refreshAt)) return Promise.resolve(current.value);
    if (current && current.expiresAt !== undefined && now < current.expiresAt) {
      if (!this.#pending && now >= this.#retryAt) this.#refresh(true).catch(() => undefined);
      return Promise.resolve(current.value);
    }
    return this.#pending ?? this.#refresh(current !== undefined);
  }

  invalidate(): void {
    this.#current = undefined;
    this.#onInvalidate?.();
  }

  status(): CloudCredentialStatus {
    const current = this.#current;
    const valid = current !== undefined && (current.expiresAt === undefined || this.#now() < current.expiresAt);
    return {
      source: this.source,
      resolvedVia: this.#resolvedVia,
      state: valid ? 'valid' : this.#lastError !== null ? 'failed' : 'unknown',
      expiresAt: valid && current.expiresAt !== undefined ? new Date(current.expiresAt).toISOString() : null,
      lastError: this.#lastError,
      lastRefresh: this.#lastRefresh ? { at: new Date(this.#lastRefresh.at).toISOString(), ok: this.#lastRefresh.ok } : null,
    };
  }

  #refresh(force: boolean): Promise<T> {
    const started = this.#now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#fetchTimeoutMs / 1000} s`)), this.#fetchTimeoutMs);
    });
    const fetched = Promise.race([this.#fetch(force), timeout]).finally(() => clearTimeout(timer));
    const pending = fetched.then(
      (fetched) => {
        for (const secret of this.#secretsOf(fetched.value)) registerSecret(secret);
        const lifetime = fetched.expiresAt === undefined ? 0 : Math.max(0, fetched.expiresAt - started);
        const refreshAt = fetched.expiresAt === undefined ? Infinity : fetched.expiresAt - Math.min(REFRESH_AHEAD_MS, lifetime / 2);
        this.#current = { ...fetched, refreshAt };
        this.#lastError = null;
        this.#lastRefresh = { at: this.#now(), ok: true };
        this.#resolvedVia = fetched.resolvedVia ?? this.#resolvedVia;
        return fetched.value;
      },
      (error: unknown) => {
        this.#lastError = this.#describeError(error);
        this.#lastRefresh = { at: this.#now(), ok: false };
        this.#retryAt = this.#now() + RETRY_AFTER_FAILURE_MS;
        throw new CloudCredentialError(this.source, this.#lastError);
      },
    );
    const shared = pending.finally(() => {
      this.#pending = undefined;
    });
    this.#pending = shared;
    return shared;
  }
}

/** A credential could not be had; the message names the source and the reason, never the secret. */
export class CloudCredentialError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
    this.name = 'CloudCredentialError';
  }
}
