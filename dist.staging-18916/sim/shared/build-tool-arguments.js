function buildToolArguments(schema, depth = 0) {
  const node = typeof schema === "object" && schema !== null ? schema : {};
  if (node.const !== void 0) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const variant = node.anyOf?.[0] ?? node.oneOf?.[0];
  if (variant) return buildToolArguments(variant, depth);
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== "null") ?? "null" : node.type;
  if (depth > 4) return null;
  switch (type) {
    case "number":
    case "integer":
      return 1;
    case "boolean":
      return true;
    case "null":
      return null;
    case "array":
      return node.items ? [buildToolArguments(node.items, depth + 1)] : [];
    case "object":
      return buildObject(node, depth);
    case "string":
      return "value";
    default:
      return node.properties ? buildObject(node, depth) : "value";
  }
}
function buildObject(node, depth) {
  const out = {};
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    out[key] = buildToolArguments(child, depth + 1);
  }
  return out;
}
export {
  buildToolArguments
};
//# sourceMappingURL=build-tool-arguments.js.map
