const KEPT = /* @__PURE__ */ new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "items",
  "minItems",
  "maxItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "anyOf",
  "propertyOrdering",
  "default",
  "example"
]);
const STRING_FORMATS = /* @__PURE__ */ new Set(["enum", "date-time"]);
const MAX_DEPTH = 32;
function cleanGeminiSchema(schema) {
  const root = isObject(schema) ? schema : {};
  const defs = { ...isObject(root.definitions) ? root.definitions : {}, ...isObject(root.$defs) ? root.$defs : {} };
  return clean(root, defs, 0);
}
function clean(input, defs, depth) {
  if (depth > MAX_DEPTH) return { type: "object" };
  let node = input;
  if (typeof node.$ref === "string") {
    const target = defs[node.$ref.replace(/^#\/(\$defs|definitions)\//, "")];
    const { $ref: _ref, ...siblings } = node;
    node = { ...isObject(target) ? target : {}, ...siblings };
  }
  const out = {};
  const variants = (Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : void 0)?.filter(isObject);
  if (variants) {
    const nonNull = variants.filter((variant) => variant.type !== "null");
    if (nonNull.length < variants.length) out.nullable = true;
    if (nonNull.length === 1) Object.assign(out, clean({ ...node, anyOf: void 0, oneOf: void 0, ...nonNull[0] }, defs, depth + 1));
    else if (nonNull.length > 1) out.anyOf = nonNull.map((variant) => clean(variant, defs, depth + 1));
  }
  for (const [key, value] of Object.entries(node)) {
    if (value === void 0 || key === "anyOf" || key === "oneOf") continue;
    if (key === "type") {
      if (out.type !== "string" || !Array.isArray(node.enum)) applyType(out, value);
    } else if (key === "const") out.enum = [value];
    else if (key === "properties" && isObject(value)) {
      const properties = {};
      for (const [name, child] of Object.entries(value)) properties[name] = clean(isObject(child) ? child : {}, defs, depth + 1);
      out.properties = properties;
    } else if (key === "items" && isObject(value)) out.items = clean(value, defs, depth + 1);
    else if (key === "format") {
      const isString = node.type === "string" || Array.isArray(node.type) && node.type.includes("string");
      if (!isString || STRING_FORMATS.has(String(value))) out.format = value;
    } else if (key === "enum" && Array.isArray(value)) {
      if (value.some((entry) => typeof entry !== "string")) out.type = "string";
      out.enum = value.map(String);
    } else if (KEPT.has(key)) out[key] = value;
  }
  if (Array.isArray(out.required) && isObject(out.properties)) {
    const declared = out.properties;
    out.required = out.required.filter((name) => typeof name === "string" && name in declared);
  }
  if (Array.isArray(out.enum) && out.type === void 0) out.type = "string";
  return out;
}
function applyType(out, value) {
  if (!Array.isArray(value)) {
    if (value !== "null") out.type = value;
    else out.nullable = true;
    return;
  }
  const types = value.filter((type) => type !== "null");
  if (types.length < value.length) out.nullable = true;
  if (types.length === 1) out.type = types[0];
  else if (types.length > 1) out.anyOf = types.map((type) => ({ type }));
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
export {
  cleanGeminiSchema
};
//# sourceMappingURL=clean-gemini-schema.js.map
