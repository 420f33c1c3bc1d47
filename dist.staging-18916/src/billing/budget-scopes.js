import { workspaceScope } from "../stores/ledger.js";
import { parseUsd } from "../core/money.js";
function scopesForRequest(options) {
  const { key, directory } = options;
  const memberId = directory.memberIdOf(key);
  const member = directory.member(memberId);
  const scopes = [
    {
      scope: `key:${key.hash}`,
      kind: "key",
      label: "Key limit",
      hint: `Raise it with PATCH /api/v1/keys/${key.hash}.`,
      cap: key.limit === null ? null : { limitPico: parseUsd(key.limit), reset: key.limitReset, includeByok: key.includeByokInLimit }
    },
    {
      scope: `member:${memberId}`,
      kind: "member",
      label: `Member "${member?.name ?? memberId}" budget`,
      hint: `Raise it with PATCH /api/v1/workspaces/${key.workspaceId}/members/${memberId}.`,
      cap: member?.limit == null ? null : { limitPico: parseUsd(member.limit), reset: member.limitReset, includeByok: member.includeByokInLimit }
    },
    {
      scope: workspaceScope(key.workspaceId),
      kind: "workspace",
      label: "Workspace balance",
      hint: "Add credits with POST /api/v1/credits or `switchyard credits add`.",
      cap: directory.creditsEnabled(key.workspaceId) ? "balance" : null
    }
  ];
  for (const budget of options.extra) {
    scopes.push({ scope: budget.scope, kind: "budget", label: budget.label, hint: "", cap: { limitPico: budget.limitPico, reset: budget.reset, includeByok: false } });
  }
  return scopes;
}
export {
  scopesForRequest
};
//# sourceMappingURL=budget-scopes.js.map
