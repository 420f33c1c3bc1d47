import { utcSpendWindows } from "../utc-spend-windows.js";
class MemoryGenerationStore {
  byId = /* @__PURE__ */ new Map();
  async recordMany(records) {
    for (const record of records) {
      if (!this.byId.has(record.id)) this.byId.set(record.id, copy(record));
    }
  }
  async findById(id, workspaceId) {
    const record = this.byId.get(id);
    return record && record.workspaceId === workspaceId ? copy(record) : void 0;
  }
  async spendByKey(keyHash, now) {
    const { dayStart, weekStart, monthStart } = utcSpendWindows(now);
    const spend = { total: 0n, daily: 0n, weekly: 0n, monthly: 0n };
    for (const record of this.byId.values()) {
      if (record.keyHash !== keyHash) continue;
      spend.total += record.costPico;
      if (record.createdAt >= dayStart) spend.daily += record.costPico;
      if (record.createdAt >= weekStart) spend.weekly += record.costPico;
      if (record.createdAt >= monthStart) spend.monthly += record.costPico;
    }
    return spend;
  }
}
function copy(record) {
  return { ...record, attempts: record.attempts.map((attempt) => ({ ...attempt })) };
}
export {
  MemoryGenerationStore
};
//# sourceMappingURL=memory-generation-store.js.map
