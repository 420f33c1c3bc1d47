import { STATUS_CODES } from "node:http";
import { GatewayError, InvalidRequestError } from "../core/errors/gateway-error.js";
import { toErrorReply } from "./to-error-reply.js";
function answerClientError(error, socket) {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const { status, body } = toErrorReply(toGatewayError(error));
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r
Content-Type: application/json; charset=utf-8\r
Content-Length: ${Buffer.byteLength(text)}\r
Connection: close\r
\r
${text}`
    );
  }
  socket.destroy();
}
function toGatewayError(error) {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return new GatewayError("headers_too_large", { message: "Request headers are larger than the server accepts (16 KB)." });
    case "ERR_HTTP_REQUEST_TIMEOUT":
    case "ERR_HTTP_HEADERS_TIMEOUT":
      return new GatewayError("request_timeout", { message: "The request was not received in time." });
    case "HPE_INVALID_CONTENT_LENGTH":
    case "HPE_UNEXPECTED_CONTENT_LENGTH":
      return new InvalidRequestError("Malformed HTTP request: invalid Content-Length header.", { metadata: { parser_error: error.code } });
    default:
      return new InvalidRequestError(`Malformed HTTP request${error.code ? ` (${error.code})` : ""}.`, { metadata: { parser_error: error.code ?? null } });
  }
}
export {
  answerClientError
};
//# sourceMappingURL=answer-client-error.js.map
