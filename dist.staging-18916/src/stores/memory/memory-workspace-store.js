import { ownerMemberId } from "../workspace-store.js";
class MemoryWorkspaceStore {
  #workspaces = /* @__PURE__ */ new Map();
  #members = /* @__PURE__ */ new Map();
  constructor() {
    void this.createWorkspace({ id: "default", name: "Default", createdAt: (/* @__PURE__ */ new Date(0)).toISOString() });
  }
  async createWorkspace(record) {
    if (this.#workspaces.has(record.id)) throw new Error(`Workspace ${record.id} already exists`);
    this.#workspaces.set(record.id, { ...record });
    const owner = ownerMemberId(record.id);
    this.#members.set(owner, {
      id: owner,
      workspaceId: record.id,
      name: "Owner",
      email: null,
      limit: null,
      limitReset: null,
      includeByokInLimit: false,
      createdAt: record.createdAt,
      updatedAt: null
    });
  }
  async listWorkspaces() {
    return [...this.#workspaces.values()].map((record) => ({ ...record })).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
  async createMember(record) {
    if (this.#members.has(record.id)) throw new Error(`Member ${record.id} already exists`);
    if (!this.#workspaces.has(record.workspaceId)) throw new Error(`No workspace ${record.workspaceId}`);
    this.#members.set(record.id, { ...record });
  }
  async listMembers() {
    return [...this.#members.values()].map((record) => ({ ...record })).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }
  async updateMember(id, patch, updatedAt) {
    const current = this.#members.get(id);
    if (!current) return void 0;
    const updated = { ...current, ...patch, updatedAt };
    this.#members.set(id, updated);
    return { ...updated };
  }
}
export {
  MemoryWorkspaceStore
};
//# sourceMappingURL=memory-workspace-store.js.map
