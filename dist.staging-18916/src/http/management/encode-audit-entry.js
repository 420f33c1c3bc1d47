function encodeAuditEntry(entry) {
  return {
    id: String(entry.id),
    created_at: new Date(entry.createdAt).toISOString(),
    workspace_id: entry.workspaceId,
    action: entry.action,
    target_id: entry.targetId,
    actor: { key_hash: entry.actorKeyHash, name: entry.actorName, ip: entry.ip },
    before: entry.before,
    after: entry.after
  };
}
export {
  encodeAuditEntry
};
//# sourceMappingURL=encode-audit-entry.js.map
