import { randomUUID } from "node:crypto";
const BY_STATUS = {
  400: { type: "ValidationException", message: "The provided request is not valid" },
  403: { type: "AccessDeniedException", message: "You don't have access to the model with the specified model ID." },
  404: { type: "ResourceNotFoundException", message: "The provided model identifier is invalid." },
  408: { type: "ModelTimeoutException", message: "Model has timed out in processing the request. Try your request again." },
  424: { type: "ModelErrorException", message: "The model encountered an error processing the request." },
  429: { type: "ThrottlingException", message: "Too many requests, please wait before trying again." },
  500: { type: "InternalServerException", message: "The server encountered an internal error." },
  503: { type: "ServiceUnavailableException", message: "Bedrock is unable to process your request." }
};
function bedrockErrorFor(status) {
  const known = BY_STATUS[status] ?? { type: "InternalServerException", message: "The server encountered an internal error." };
  return { status, ...known };
}
function sendBedrockError(res, error, extraHeaders = {}) {
  if (res.destroyed) return;
  const text = JSON.stringify({ message: error.message });
  res.writeHead(error.status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    "x-amzn-requestid": randomUUID(),
    "x-amzn-errortype": `${error.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    ...extraHeaders
  });
  res.end(text);
}
function sendBedrockJson(res, text) {
  if (res.destroyed) return;
  res.writeHead(200, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    "x-amzn-requestid": randomUUID()
  });
  res.end(text);
}
export {
  bedrockErrorFor,
  sendBedrockError,
  sendBedrockJson
};
//# sourceMappingURL=bedrock-error-reply.js.map
