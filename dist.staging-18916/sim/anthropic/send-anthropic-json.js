function buildAnthropicHeaders(contentType, extra) {
  const reset = new Date(Date.now() + 6e4).toISOString();
  const headers = {
    "content-type": contentType,
    "anthropic-organization-id": "00000000-0000-4000-8000-000000000000",
    "anthropic-ratelimit-requests-limit": "4000",
    "anthropic-ratelimit-requests-remaining": "3999",
    "anthropic-ratelimit-requests-reset": reset,
    "anthropic-ratelimit-tokens-limit": "2000000",
    "anthropic-ratelimit-tokens-remaining": "1999000",
    "anthropic-ratelimit-tokens-reset": reset
  };
  return extra ? Object.assign(headers, extra) : headers;
}
function sendAnthropicJson(res, status, body, extraHeaders) {
  if (res.destroyed) return;
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const headers = buildAnthropicHeaders("application/json", extraHeaders);
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(status, headers);
  res.end(text);
}
export {
  buildAnthropicHeaders,
  sendAnthropicJson
};
//# sourceMappingURL=send-anthropic-json.js.map
