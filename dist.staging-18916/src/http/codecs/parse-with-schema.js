import { InvalidRequestError } from "../../core/errors/gateway-error.js";
function parseWithSchema(schema, body) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidRequestError("Request body must be a JSON object.");
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map((part) => typeof part === "number" ? `[${part}]` : `.${String(part)}`).join("").replace(/^\./, "");
    return `${path || "body"}: ${issue.message}`;
  });
  throw new InvalidRequestError(`Invalid request: ${problems.join("; ")}`);
}
export {
  parseWithSchema
};
//# sourceMappingURL=parse-with-schema.js.map
