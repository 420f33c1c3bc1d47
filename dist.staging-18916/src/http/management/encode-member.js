import { encodeBudgetUsage } from "./encode-budget-usage.js";
function encodeMember(member, account) {
  return {
    id: member.id,
    workspace_id: member.workspaceId,
    name: member.name,
    email: member.email,
    ...encodeBudgetUsage(member, account),
    created_at: member.createdAt,
    updated_at: member.updatedAt
  };
}
export {
  encodeMember
};
//# sourceMappingURL=encode-member.js.map
