import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export interface GatewayErrorOptions {
  message: string;
  /** Overrides the registry status (an upstream 429 stays 429, a 400 stays 400). */
  status?: number;
  retryable?: boolean;
  metadata?: Record<string, unknown>;
  /** Seconds, sent as `Retry-After`. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * The root of every error the gateway returns. `code` is stable and maps to a status
 * through the registry; `toErrorBody` (http/) is the only place that renders it.
 */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly metadata: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: GatewayErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code].status;
    this.retryable = options.retryable ?? false;
    this.metadata = options.metadata;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get errorType(): string {
    return ERROR_CODES[this.code].errorType;
  }
}

/** 400-class problems with the request itself. */
export class InvalidRequestError extends GatewayError {
  constructor(message: string, options: Omit<GatewayErrorOptions, 'message'> & { code?: ErrorCode } = {}) {
    super(options.code ?? 'invalid_request', { ...options, message });
  }
}

/** 401/403: missing, invalid, disabled or wrong-kind keys. */
export class AuthError extends GatewayError {}

/** 404: nothing to route to, or an unknown resource. */
export class NotFoundError extends GatewayError {
  constructor(message: string, metadata?: Record<string, unknown>) {
    super('not_found', { message, metadata });
  }
}

/**
 * 503: the durable store (PostgreSQL) cannot be reached right now. Retryable; the message never
 * names the database URL (it may carry a password).
 */
export class DatabaseUnavailableError extends GatewayError {
  constructor(message = 'The gateway cannot reach its database right now; retry shortly.', cause?: unknown) {
    super('database_unavailable', { message, retryable: true, retryAfterSeconds: 1, cause });
  }
}
