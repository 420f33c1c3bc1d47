const DEFAULT_CACHE_TTL_SECONDS = 300;
const MAX_TTL_SECONDS = 86400;
function readCacheDirectives(headers) {
  if (headerValue(headers["x-openrouter-cache"])?.trim().toLowerCase() !== "true") return void 0;
  const digits = /^\s*(\d+)/.exec(headerValue(headers["x-openrouter-cache-ttl"]) ?? "");
  const ttlSeconds = digits ? Math.min(MAX_TTL_SECONDS, Math.max(1, Number(digits[1]))) : DEFAULT_CACHE_TTL_SECONDS;
  const clear = headerValue(headers["x-openrouter-cache-clear"])?.trim().toLowerCase() === "true";
  return { ttlSeconds, clear };
}
function headerValue(value) {
  return Array.isArray(value) ? value[0] : value;
}
export {
  DEFAULT_CACHE_TTL_SECONDS,
  readCacheDirectives
};
//# sourceMappingURL=read-cache-directives.js.map
