import { workspaceScope } from "../stores/ledger.js";
import { ownerMemberId } from "../stores/workspace-store.js";
class WorkspaceDirectory {
  #workspaces = /* @__PURE__ */ new Map();
  #members = /* @__PURE__ */ new Map();
  /** Credits ever added per workspace (only workspaces that have any). */
  #creditsAdded = /* @__PURE__ */ new Map();
  #store;
  constructor(store) {
    this.#store = store;
  }
  static async load(store, ledger) {
    const directory = new WorkspaceDirectory(store);
    for (const workspace of await store.listWorkspaces()) directory.#workspaces.set(workspace.id, workspace);
    for (const member of await store.listMembers()) directory.#members.set(member.id, member);
    const scopes = [...directory.#workspaces.keys()].map(workspaceScope);
    const accounts = await ledger.snapshot(scopes, /* @__PURE__ */ new Date());
    for (const id of directory.#workspaces.keys()) {
      const account = accounts.get(workspaceScope(id));
      if (account?.creditsEnabled) directory.#creditsAdded.set(id, account.credits);
    }
    return directory;
  }
  /** Re-reads workspaces and members (another node changed some). */
  async reload() {
    const [workspaces, members] = await Promise.all([this.#store.listWorkspaces(), this.#store.listMembers()]);
    this.#workspaces.clear();
    for (const workspace of workspaces) this.#workspaces.set(workspace.id, workspace);
    this.#members.clear();
    for (const member of members) this.#members.set(member.id, member);
  }
  /** Re-reads whether the workspaces enforce a balance (credits were added on another node); all when none given. */
  async refreshCredits(ledger, workspaceIds = [...this.#workspaces.keys()]) {
    const accounts = await ledger.snapshot(workspaceIds.map(workspaceScope), /* @__PURE__ */ new Date());
    for (const id of workspaceIds) {
      const account = accounts.get(workspaceScope(id));
      if (account?.creditsEnabled) this.#creditsAdded.set(id, account.credits);
    }
  }
  workspace(id) {
    return this.#workspaces.get(id);
  }
  workspaces() {
    return [...this.#workspaces.values()];
  }
  member(id) {
    return this.#members.get(id);
  }
  members(workspaceId) {
    return [...this.#members.values()].filter((member) => member.workspaceId === workspaceId);
  }
  /** The member a key belongs to: its creator_user_id, or the workspace's owner. */
  memberIdOf(key) {
    return key.creatorUserId ?? ownerMemberId(key.workspaceId);
  }
  /** True once credits were added: the workspace balance is enforced from then on. */
  creditsEnabled(workspaceId) {
    return this.#creditsAdded.has(workspaceId);
  }
  /** For the free-variant daily limit (rate-limits/): credits ever added, from memory. */
  totalCreditsAddedPico(workspaceId) {
    return this.#creditsAdded.get(workspaceId) ?? 0n;
  }
  /** Called after the ledger booked a credit grant (the ledger's total, opening grant included). */
  recordCredits(workspaceId, totalCredits) {
    this.#creditsAdded.set(workspaceId, totalCredits);
  }
  async createWorkspace(record) {
    await this.#store.createWorkspace(record);
    this.#workspaces.set(record.id, record);
    for (const member of await this.#store.listMembers()) {
      if (member.workspaceId === record.id) this.#members.set(member.id, member);
    }
  }
  async createMember(record) {
    await this.#store.createMember(record);
    this.#members.set(record.id, record);
  }
  async updateMember(id, patch) {
    const updated = await this.#store.updateMember(id, patch, (/* @__PURE__ */ new Date()).toISOString());
    if (updated) this.#members.set(id, updated);
    return updated;
  }
}
export {
  WorkspaceDirectory
};
//# sourceMappingURL=workspace-directory.js.map
