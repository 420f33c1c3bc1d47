import { GatewayError } from "../core/errors/gateway-error.js";
function toErrorReply(error) {
  if (!(error instanceof GatewayError)) {
    return { status: 500, headers: {}, body: { error: { code: 500, message: "Internal server error" } } };
  }
  const headers = {};
  if (error.retryAfterSeconds !== void 0) headers["retry-after"] = String(error.retryAfterSeconds);
  const extra = error.metadata?.headers;
  if (extra && typeof extra === "object") {
    for (const [name, value] of Object.entries(extra)) if (typeof value === "string") headers[name.toLowerCase()] = value;
  }
  const metadata = { error_type: error.errorType, ...error.metadata };
  return { status: error.status, headers, body: { error: { code: error.status, message: error.message, metadata } } };
}
export {
  toErrorReply
};
//# sourceMappingURL=to-error-reply.js.map
