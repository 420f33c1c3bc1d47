function mergeReasoningDetails(details, replayable) {
  if (!Array.isArray(details)) return [];
  const groups = [];
  for (const raw of details) {
    if (!raw || typeof raw !== "object") continue;
    if (!replayable.has(typeof raw.format === "string" ? raw.format : void 0)) continue;
    const kind = raw.type === "reasoning.text" ? "text" : raw.type === "reasoning.encrypted" ? "encrypted" : void 0;
    if (!kind) continue;
    const last = groups[groups.length - 1];
    const continues = last?.kind === kind && typeof raw.index === "number" && last.index === raw.index && !(last.kind === "text" && last.signature);
    let group = continues ? last : void 0;
    if (!group) {
      group = kind === "text" ? { kind, index: raw.index, text: "", signature: "" } : { kind, index: raw.index, data: "" };
      groups.push(group);
    }
    if (group.kind === "encrypted") {
      if (typeof raw.data === "string") group.data += raw.data;
    } else {
      if (typeof raw.text === "string") group.text += raw.text;
      if (typeof raw.signature === "string") group.signature = raw.signature;
    }
  }
  const blocks = [];
  for (const group of groups) {
    if (group.kind === "encrypted" && group.data) blocks.push({ kind: "encrypted", data: group.data });
    else if (group.kind === "text" && group.signature) blocks.push({ kind: "text", text: group.text, signature: group.signature });
  }
  return blocks;
}
export {
  mergeReasoningDetails
};
//# sourceMappingURL=merge-reasoning-details.js.map
