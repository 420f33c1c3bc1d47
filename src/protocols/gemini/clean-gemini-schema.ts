type Schema = Record<string, unknown>;

/** Keywords of the OpenAPI 3.0 subset Gemini's `Schema` accepts; anything else is a 400 there. */
const KEPT = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'items', 'minItems', 'maxItems', 'properties',
  'required', 'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum',
  'anyOf', 'propertyOrdering', 'default', 'example',
]);
/** String formats Gemini knows; others (uri, email, …) are rejected, so they are dropped. */
const STRING_FORMATS = new Set(['enum', 'date-time']);
const MAX_DEPTH = 32;

/**
 * Turns a JSON Schema (as OpenAI tools carry it) into the OpenAPI subset Gemini's
 * `functionDeclarations[].parameters` accepts: `$ref`s inlined from `$defs`/`definitions`,
 * `const` → `enum`, `["string","null"]` and `anyOf:[X,{type:null}]` → `nullable`,
 * unsupported keywords (`additionalProperties`, `$schema`, `strict`, …) dropped, `required`
 * limited to declared properties. Returns a new object; the input is not changed.
 * @see https://ai.google.dev/api/caching#Schema
 */
export function cleanGeminiSchema(schema: unknown): Schema {
  const root = isObject(schema) ? schema : {};
  const defs = { ...(isObject(root.definitions) ? root.definitions : {}), ...(isObject(root.$defs) ? root.$defs : {}) };
  return clean(root, defs, 0);
}

function clean(input: Schema, defs: Schema, depth: number): Schema {
  if (depth > MAX_DEPTH) return { type: 'object' };
  let node = input;
  if (typeof node.$ref === 'string') {
    const target = defs[node.$ref.replace(/^#\/(\$defs|definitions)\//, '')];
    const { $ref: _ref, ...siblings } = node;
    node = { ...(isObject(target) ? target : {}), ...siblings };
  }
  const out: Schema = {};
  const variants = (Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined)?.filter(isObject);
  if (variants) {
    const nonNull = variants.filter((variant) => variant.type !== 'null');
    if (nonNull.length < variants.length) out.nullable = true;
    if (nonNull.length === 1) Object.assign(out, clean({ ...node, anyOf: undefined, oneOf: undefined, ...nonNull[0] }, defs, depth + 1));
    else if (nonNull.length > 1) out.anyOf = nonNull.map((variant) => clean(variant, defs, depth + 1));
  }
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || key === 'anyOf' || key === 'oneOf') continue;
    if (key === 'type') {
      if (out.type !== 'string' || !Array.isArray(node.enum)) applyType(out, value);
    }
    else if (key === 'const') out.enum = [value];
    else if (key === 'properties' && isObject(value)) {
      const properties: Schema = {};
      for (const [name, child] of Object.entries(value)) properties[name] = clean(isObject(child) ? child : {}, defs, depth + 1);
      out.properties = properties;
    } else if (key === 'items' && isObject(value)) out.items = clean(value, defs, depth + 1);
    else if (key === 'format') {
      const isString = node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string'));
      if (!isString || STRING_FORMATS.has(String(value))) out.format = value;
    } else if (key === 'enum' && Array.isArray(value)) {
      // Gemini enums are strings only; a numeric enum becomes a string one.
      if (value.some((entry) => typeof entry !== 'string')) out.type = 'string';
      out.enum = value.map(String);
    }
    else if (KEPT.has(key)) out[key] = value;
  }
  if (Array.isArray(out.required) && isObject(out.properties)) {
    const declared = out.properties;
    out.required = out.required.filter((name) => typeof name === 'string' && name in declared);
  }
  if (Array.isArray(out.enum) && out.type === undefined) out.type = 'string';
  return out;
}

/** `type: ["string","null"]` becomes `type: "string", nullable: true`. */
function applyType(out: Schema, value: unknown): void {
  if (!Array.isArray(value)) {
    if (value !== 'null') out.type = value;
    else out.nullable = true;
    return;
  }
  const types = value.filter((type) => type !== 'null');
  if (types.length < value.length) out.nullable = true;
  if (types.length === 1) out.type = types[0];
  else if (types.length > 1) out.anyOf = types.map((type) => ({ type }));
}

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
