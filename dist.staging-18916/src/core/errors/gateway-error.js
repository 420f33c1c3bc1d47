import { ERROR_CODES } from "./error-codes.js";
class GatewayError extends Error {
  code;
  status;
  retryable;
  metadata;
  retryAfterSeconds;
  constructor(code, options) {
    super(options.message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? ERROR_CODES[code].status;
    this.retryable = options.retryable ?? false;
    this.metadata = options.metadata;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
  get errorType() {
    return ERROR_CODES[this.code].errorType;
  }
}
class InvalidRequestError extends GatewayError {
  constructor(message, options = {}) {
    super(options.code ?? "invalid_request", { ...options, message });
  }
}
class AuthError extends GatewayError {
}
class NotFoundError extends GatewayError {
  constructor(message, metadata) {
    super("not_found", { message, metadata });
  }
}
export {
  AuthError,
  GatewayError,
  InvalidRequestError,
  NotFoundError
};
//# sourceMappingURL=gateway-error.js.map
