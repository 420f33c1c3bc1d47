let requestCounter = 0;
function buildSimHeaders(contentType, extra) {
  requestCounter = (requestCounter + 1) % 2147483647;
  const headers = {
    "content-type": contentType,
    "x-request-id": `req_sim${requestCounter.toString(16).padStart(8, "0")}`,
    "openai-version": "2020-10-01",
    "openai-organization": "org-sim",
    "openai-processing-ms": "1",
    "x-ratelimit-limit-requests": "10000",
    "x-ratelimit-remaining-requests": "9999",
    "x-ratelimit-reset-requests": "6ms",
    "x-ratelimit-limit-tokens": "30000000",
    "x-ratelimit-remaining-tokens": "29999000",
    "x-ratelimit-reset-tokens": "2ms"
  };
  return extra ? Object.assign(headers, extra) : headers;
}
function sendJsonReply(res, status, body, extraHeaders) {
  sendRawJson(res, status, JSON.stringify(body), extraHeaders);
}
function sendRawJson(res, status, text, extraHeaders) {
  if (res.destroyed) return;
  const headers = buildSimHeaders("application/json", extraHeaders);
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.end(text);
}
export {
  buildSimHeaders,
  sendJsonReply,
  sendRawJson
};
//# sourceMappingURL=send-json-reply.js.map
