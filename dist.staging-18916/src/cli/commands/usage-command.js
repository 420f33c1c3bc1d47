import { callManagementApi, MANAGEMENT_OPTIONS } from "../management-client.js";
const usageCommand = {
  summary: "spend and tokens per day, model and provider over the last 30 days (GET /api/v1/activity)",
  usage: "[--key HASH] [--workspace ID] [--date YYYY-MM-DD] [--json] [--url URL] [--admin-key-file PATH]",
  options: { ...MANAGEMENT_OPTIONS, key: { type: "string" }, workspace: { type: "string" }, date: { type: "string" }, json: { type: "boolean" } },
  async run({ values, io }) {
    const query = new URLSearchParams();
    if (values.key) query.set("api_key_hash", String(values.key));
    if (values.workspace) query.set("workspace_id", String(values.workspace));
    if (values.date) query.set("date", String(values.date));
    const { data } = await callManagementApi({ io, values, path: `/activity${query.size > 0 ? `?${query}` : ""}` });
    if (values.json) {
      io.out(`${JSON.stringify(data, null, 2)}
`);
      return 0;
    }
    const header = ["date", "model", "provider", "requests", "prompt", "completion", "usage $"];
    const rows = data.map((row) => [row.date, row.model, row.provider_name, String(row.requests), String(row.prompt_tokens), String(row.completion_tokens), String(row.usage)]);
    const total = data.reduce((sum, row) => sum + row.usage, 0);
    rows.push(["total", "", "", String(data.reduce((sum, row) => sum + row.requests, 0)), "", "", String(Number(total.toFixed(12)))]);
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    for (const row of [header, ...rows]) io.out(`${row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()}
`);
    return 0;
  }
};
export {
  usageCommand
};
//# sourceMappingURL=usage-command.js.map
