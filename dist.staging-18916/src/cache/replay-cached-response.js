function replayCachedResponse(entry, options) {
  const swap = (text) => text.split(entry.sourceId).join(options.generationId);
  if (entry.body.kind === "json") {
    const body = JSON.parse(swap(entry.body.text));
    return { kind: "json", text: JSON.stringify(freshen(body, options.now)) };
  }
  const payloads = entry.body.payloads.map((payload) => {
    const swapped = swap(payload);
    if (!swapped.includes('"usage"') && !swapped.includes('"openrouter_metadata"')) return swapped;
    return JSON.stringify(freshen(JSON.parse(swapped), options.now));
  });
  return { kind: "stream", payloads };
}
function freshen(body, now) {
  if (typeof body.created === "number") body.created = Math.floor(now / 1e3);
  delete body.openrouter_metadata;
  zeroUsage(body, 0);
  return body;
}
function zeroUsage(value, depth) {
  if (depth > 2 || value === null || typeof value !== "object") return;
  for (const [field, child] of Object.entries(value)) {
    if (field === "usage" && child !== null && typeof child === "object") zeroNumbers(child);
    else zeroUsage(child, depth + 1);
  }
}
function zeroNumbers(object) {
  for (const [field, child] of Object.entries(object)) {
    if (typeof child === "number") object[field] = 0;
    else if (child !== null && typeof child === "object") zeroNumbers(child);
  }
}
export {
  replayCachedResponse
};
//# sourceMappingURL=replay-cached-response.js.map
