import { GatewayError } from "./gateway-error.js";
class UpstreamError extends GatewayError {
  provider;
  upstreamStatus;
  constructor(code, options) {
    super(code, {
      ...options,
      metadata: { provider_name: options.provider, raw: options.raw ?? null, ...options.metadata }
    });
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
  }
}
class UpstreamTimeoutError extends UpstreamError {
  phase;
  constructor(options) {
    super("upstream_timeout", {
      provider: options.provider,
      upstreamStatus: null,
      retryable: true,
      message: `Upstream ${options.provider} timed out (${options.phase}, ${options.timeoutMs} ms)`,
      metadata: { phase: options.phase }
    });
    this.phase = options.phase;
  }
}
class AllAttemptsFailedError extends GatewayError {
  attempts;
  constructor(attempts) {
    const last = attempts[attempts.length - 1];
    super(last?.code ?? "upstream_error", {
      message: last?.message ?? "No provider could serve the request",
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
          message: error.message
        }))
      }
    });
    this.attempts = attempts;
  }
}
export {
  AllAttemptsFailedError,
  UpstreamError,
  UpstreamTimeoutError
};
//# sourceMappingURL=upstream-error.js.map
