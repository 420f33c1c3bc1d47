const workspaceScope = (workspaceId) => `workspace:${workspaceId}`;
export {
  workspaceScope
};
//# sourceMappingURL=ledger.js.map
