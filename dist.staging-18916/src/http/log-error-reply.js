import { GatewayError } from "../core/errors/gateway-error.js";
function logErrorReply(log, error, status, message) {
  const code = error instanceof GatewayError ? error.code : "internal_error";
  const fields = { status, code, reason: message };
  if (status >= 500) log.warn(fields, "request failed");
  else log.info(fields, "request refused");
}
export {
  logErrorReply
};
//# sourceMappingURL=log-error-reply.js.map
