import { readFileSync } from "node:fs";
import { join } from "node:path";
const MANAGEMENT_OPTIONS = {
  url: { type: "string" },
  "admin-key-file": { type: "string" }
};
async function callManagementApi(options) {
  const { io, values } = options;
  const base = String(values.url ?? io.env.SWITCHYARD_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");
  const key = io.env.SWITCHYARD_ADMIN_KEY ?? readFileSync(String(values["admin-key-file"] ?? join(io.env.SWITCHYARD_DATA_DIR ?? "./data", "admin-key")), "utf8").trim();
  const response = await fetch(`${base}/api/v1${options.path}`, {
    method: options.body === void 0 ? "GET" : "POST",
    headers: { authorization: `Bearer ${key}`, ...options.body === void 0 ? {} : { "content-type": "application/json" } },
    body: options.body === void 0 ? void 0 : JSON.stringify(options.body)
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${response.status} ${json.error?.message ?? JSON.stringify(json)}`);
  return json;
}
export {
  MANAGEMENT_OPTIONS,
  callManagementApi
};
//# sourceMappingURL=management-client.js.map
