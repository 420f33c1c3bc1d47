function cachedResponseBytes(entry) {
  const body = entry.body.kind === "json" ? entry.body.text.length : entry.body.payloads.reduce((sum, payload) => sum + payload.length + 16, 0);
  return 2 * (body + entry.model.length + entry.sourceId.length) + 128;
}
export {
  cachedResponseBytes
};
//# sourceMappingURL=response-cache-store.js.map
