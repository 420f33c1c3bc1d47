function openingGrant(trigger, usageBefore) {
  const at = new Date(Date.parse(trigger.createdAt) - 1).toISOString();
  return { id: `${trigger.id}-opening`, workspaceId: trigger.workspaceId, amount: usageBefore, fee: 0n, note: "usage before credits were enabled", createdAt: at };
}
export {
  openingGrant
};
//# sourceMappingURL=opening-grant.js.map
