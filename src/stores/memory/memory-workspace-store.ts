import { ownerMemberId, type MemberPatch, type MemberRecord, type WorkspaceRecord, type WorkspaceStore } from '../workspace-store.js';

/** Workspaces and members in Maps; starts with the `default` workspace, as the SQL migration does. */
export class MemoryWorkspaceStore implements WorkspaceStore {
  readonly #workspaces = new Map<string, WorkspaceRecord>();
  readonly #members = new Map<string, MemberRecord>();

  constructor() {
    void this.createWorkspace({ id: 'default', name: 'Default', createdAt: new Date(0).toISOString() });
  }

  async createWorkspace(record: WorkspaceRecord): Promise<void> {
    if (this.#workspaces.has(record.id)) throw new Error(`Workspace ${record.id} already exists`);
    this.#workspaces.set(record.id, { ...record });
    const owner = ownerMemberId(record.id);
    this.#members.set(owner, {
      id: owner, workspaceId: record.id, name: 'Owner', email: null, limit: null, limitReset: null,
      includeByokInLimit: false, createdAt: record.createdAt, updatedAt: null,
    });
  }

  async listWorkspaces(): Promise<WorkspaceRecord[]> {
    return [...this.#workspaces.values()].map((record) => ({ ...record })).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async createMember(record: MemberRecord): Promise<void> {
    if (this.#members.has(record.id)) throw new Error(`Member ${record.id} already exists`);
    if (!this.#workspaces.has(record.workspaceId)) throw new Error(`No workspace ${record.workspaceId}`);
    this.#members.set(record.id, { ...record });
  }

  async listMembers(): Promise<MemberRecord[]> {
    return [...this.#members.values()].map((record) => ({ ...record })).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async updateMember(id: string, patch: MemberPatch, updatedAt: string): Promise<MemberRecord | undefined> {
    const current = this.#members.get(id);
    if (!current) return undefined;
    const updated = { ...current, ...patch, updatedAt };
    this.#members.set(id, updated);
    return { ...updated };
  }
}
