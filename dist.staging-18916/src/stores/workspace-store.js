const ownerMemberId = (workspaceId) => `${workspaceId}:owner`;
export {
  ownerMemberId
};
//# sourceMappingURL=workspace-store.js.map
