const SNAPSHOT_SUFFIX = /-(\d{8}|latest)$/;
const DASHED_VERSION = /(?<=-)(\d)-(\d)(?=-|$)/g;
function mapAnthropicModelId(id) {
  if (id.includes("/") || !id.startsWith("claude-")) return id;
  return `anthropic/${id.replace(SNAPSHOT_SUFFIX, "").replace(DASHED_VERSION, "$1.$2")}`;
}
export {
  mapAnthropicModelId
};
//# sourceMappingURL=map-anthropic-model-id.js.map
