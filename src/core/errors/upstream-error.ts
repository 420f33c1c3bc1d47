import { GatewayError, type GatewayErrorOptions } from './gateway-error.js';
import type { ErrorCode } from './error-codes.js';
import { scrubSecretText, scrubSecrets } from '../secret-registry.js';

export interface UpstreamErrorOptions extends GatewayErrorOptions {
  provider: string;
  upstreamStatus: number | null;
  /** The upstream body, sent to clients only as `metadata.raw` (as OpenRouter does). */
  raw?: unknown;
}

/**
 * A provider answered with an error, an invalid response, or not at all. Its message and the
 * upstream body (`metadata.raw`) are scrubbed of every registered secret and credential shape
 * here, once for every protocol: upstreams echo the key they were sent.
 */
export class UpstreamError extends GatewayError {
  readonly provider: string;
  readonly upstreamStatus: number | null;

  constructor(code: ErrorCode, options: UpstreamErrorOptions) {
    super(code, {
      ...options,
      message: scrubSecretText(options.message),
      metadata: scrubSecrets({ provider_name: options.provider, raw: options.raw ?? null, ...options.metadata }),
    });
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
  }
}

export type TimeoutPhase = 'connect' | 'first_byte' | 'idle' | 'total';

/** The upstream did not answer within one of the per-phase deadlines. */
export class UpstreamTimeoutError extends UpstreamError {
  readonly phase: TimeoutPhase;

  constructor(options: { provider: string; phase: TimeoutPhase; timeoutMs: number }) {
    super('upstream_timeout', {
      provider: options.provider,
      upstreamStatus: null,
      retryable: true,
      message: `Upstream ${options.provider} timed out (${options.phase}, ${options.timeoutMs} ms)`,
      metadata: { phase: options.phase },
    });
    this.phase = options.phase;
  }
}

/** Every attempt failed; the last error decides the status, all are kept. */
export class AllAttemptsFailedError extends GatewayError {
  readonly attempts: GatewayError[];

  constructor(attempts: GatewayError[]) {
    const last = attempts[attempts.length - 1];
    super(last?.code ?? 'upstream_error', {
      message: last?.message ?? 'No provider could serve the request',
      status: last?.status,
      retryable: last?.retryable,
      retryAfterSeconds: last?.retryAfterSeconds,
      // OpenRouter's `previous_errors`: every attempt, so the client sees the whole failover.
      metadata: {
        ...last?.metadata,
        previous_errors: attempts.map((error) => ({
          provider: error instanceof UpstreamError ? error.provider : null,
          code: error.status,
          status: error instanceof UpstreamError ? error.upstreamStatus : null,
          message: error.message,
        })),
      },
    });
    this.attempts = attempts;
  }
}
