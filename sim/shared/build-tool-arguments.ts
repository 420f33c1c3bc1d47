/** The subset of JSON Schema the simulator looks at. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

/**
 * A deterministic value for a tool's JSON Schema: every property gets a
 * placeholder of its type (string → "value", number → 1, boolean → true, …),
 * so callers can check their JSON reassembly against a known object.
 */
export function buildToolArguments(schema: unknown, depth = 0): unknown {
  const node = (typeof schema === 'object' && schema !== null ? schema : {}) as SchemaNode;
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const variant = node.anyOf?.[0] ?? node.oneOf?.[0];
  if (variant) return buildToolArguments(variant, depth);
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') ?? 'null' : node.type;
  // Recursive schemas would loop forever; a few levels is plenty for tests.
  if (depth > 4) return null;
  switch (type) {
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return node.items ? [buildToolArguments(node.items, depth + 1)] : [];
    case 'object':
      return buildObject(node, depth);
    case 'string':
      return 'value';
    default:
      return node.properties ? buildObject(node, depth) : 'value';
  }
}

function buildObject(node: SchemaNode, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    out[key] = buildToolArguments(child, depth + 1);
  }
  return out;
}
