import { CliUsageError } from "../cli-command.js";
import { callManagementApi, MANAGEMENT_OPTIONS } from "../management-client.js";
const creditsAddCommand = {
  summary: "add credits to a workspace's balance (enables the balance check for it)",
  usage: "--amount USD [--workspace ID] [--note TEXT] [--url URL] [--admin-key-file PATH]",
  options: { ...MANAGEMENT_OPTIONS, amount: { type: "string" }, workspace: { type: "string" }, note: { type: "string" } },
  async run({ values, io }) {
    const amount = values.amount;
    if (typeof amount !== "string" || !/^\d+(\.\d+)?$/.test(amount) || Number(amount) <= 0) throw new CliUsageError("--amount must be a positive USD amount, e.g. 25 or 0.5");
    const { data } = await callManagementApi({
      io,
      values,
      path: "/credits",
      body: { amount, ...values.workspace ? { workspace_id: values.workspace } : {}, ...values.note ? { note: values.note } : {} }
    });
    const fee = data.fee > 0 ? ` (purchase fee $${data.fee}, charge $${data.charge_total})` : "";
    io.out(`Added $${data.amount} to workspace ${data.workspace_id}${fee}. Credits $${data.total_credits}, used $${data.total_usage}, balance $${Number((data.total_credits - data.total_usage).toFixed(12))}.
`);
    return 0;
  }
};
export {
  creditsAddCommand
};
//# sourceMappingURL=credits-add-command.js.map
