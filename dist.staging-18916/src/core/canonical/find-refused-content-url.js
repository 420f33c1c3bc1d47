const CLIENT_URL_SCHEMES = ["https", "http", "data"];
const URL_FIELDS = ["url", "file_data", "file_url", "data", "uri"];
const SCHEME = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/;
function findRefusedContentUrl(request, allowedExtra = []) {
  const allowed = /* @__PURE__ */ new Set([...CLIENT_URL_SCHEMES, ...allowedExtra.map((scheme) => scheme.toLowerCase())]);
  const { messages } = request;
  if (!Array.isArray(messages)) return void 0;
  for (let m = 0; m < messages.length; m++) {
    const content = messages[m]?.content;
    if (!Array.isArray(content)) continue;
    for (let p = 0; p < content.length; p++) {
      const part = content[p];
      if (typeof part !== "object" || part === null || typeof part.type !== "string") continue;
      const base = `messages[${m}].content[${p}].${part.type}`;
      const payload = part[part.type];
      const candidates = typeof payload === "string" ? part.type.endsWith("_url") ? [[base, payload]] : [] : typeof payload === "object" && payload !== null ? URL_FIELDS.map((name) => [`${base}.${name}`, payload[name]]) : [];
      for (const [field, value] of candidates) {
        if (typeof value !== "string") continue;
        const scheme = SCHEME.exec(value.slice(0, 64))?.[1]?.toLowerCase();
        if (scheme !== void 0 && !allowed.has(scheme)) return { field, scheme };
      }
    }
  }
  return void 0;
}
export {
  CLIENT_URL_SCHEMES,
  findRefusedContentUrl
};
//# sourceMappingURL=find-refused-content-url.js.map
