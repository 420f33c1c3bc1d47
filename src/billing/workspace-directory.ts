import type { Ledger } from '../stores/ledger.js';
import { workspaceScope } from '../stores/ledger.js';
import type { MemberPatch, MemberRecord, WorkspaceRecord, WorkspaceStore } from '../stores/workspace-store.js';
import { ownerMemberId } from '../stores/workspace-store.js';
import type { CreditsHistory } from '../rate-limits/credits-history.js';

/**
 * Workspaces, members and which workspaces enforce a credit balance, held in memory so the
 * request path decides its budgets without a database read (like KeyRegistry for keys).
 * Loaded at start-up; every change made through it goes to the store first, then here.
 */
export class WorkspaceDirectory implements CreditsHistory {
  readonly #workspaces = new Map<string, WorkspaceRecord>();
  readonly #members = new Map<string, MemberRecord>();
  /** Credits ever added per workspace (only workspaces that have any). */
  readonly #creditsAdded = new Map<string, bigint>();
  readonly #store: WorkspaceStore;

  private constructor(store: WorkspaceStore) {
    this.#store = store;
  }

  static async load(store: WorkspaceStore, ledger: Ledger): Promise<WorkspaceDirectory> {
    const directory = new WorkspaceDirectory(store);
    for (const workspace of await store.listWorkspaces()) directory.#workspaces.set(workspace.id, workspace);
    for (const member of await store.listMembers()) directory.#members.set(member.id, member);
    const scopes = [...directory.#workspaces.keys()].map(workspaceScope);
    const accounts = await ledger.snapshot(scopes, new Date());
    for (const id of directory.#workspaces.keys()) {
      const account = accounts.get(workspaceScope(id));
      if (account?.creditsEnabled) directory.#creditsAdded.set(id, account.credits);
    }
    return directory;
  }

  /** Re-reads workspaces and members (another node changed some). */
  async reload(): Promise<void> {
    const [workspaces, members] = await Promise.all([this.#store.listWorkspaces(), this.#store.listMembers()]);
    this.#workspaces.clear();
    for (const workspace of workspaces) this.#workspaces.set(workspace.id, workspace);
    this.#members.clear();
    for (const member of members) this.#members.set(member.id, member);
  }

  /** Re-reads whether the workspaces enforce a balance (credits were added on another node); all when none given. */
  async refreshCredits(ledger: Ledger, workspaceIds: string[] = [...this.#workspaces.keys()]): Promise<void> {
    const accounts = await ledger.snapshot(workspaceIds.map(workspaceScope), new Date());
    for (const id of workspaceIds) {
      const account = accounts.get(workspaceScope(id));
      if (account?.creditsEnabled) this.#creditsAdded.set(id, account.credits);
    }
  }

  workspace(id: string): WorkspaceRecord | undefined {
    return this.#workspaces.get(id);
  }

  workspaces(): WorkspaceRecord[] {
    return [...this.#workspaces.values()];
  }

  member(id: string): MemberRecord | undefined {
    return this.#members.get(id);
  }

  members(workspaceId: string): MemberRecord[] {
    return [...this.#members.values()].filter((member) => member.workspaceId === workspaceId);
  }

  /** The member a key belongs to: its creator_user_id, or the workspace's owner. */
  memberIdOf(key: { creatorUserId: string | null; workspaceId: string }): string {
    return key.creatorUserId ?? ownerMemberId(key.workspaceId);
  }

  /** True once credits were added: the workspace balance is enforced from then on. */
  creditsEnabled(workspaceId: string): boolean {
    return this.#creditsAdded.has(workspaceId);
  }

  /** For the free-variant daily limit (rate-limits/): credits ever added, from memory. */
  totalCreditsAddedPico(workspaceId: string): bigint {
    return this.#creditsAdded.get(workspaceId) ?? 0n;
  }

  /** Called after the ledger booked a credit grant (the ledger's total, opening grant included). */
  recordCredits(workspaceId: string, totalCredits: bigint): void {
    this.#creditsAdded.set(workspaceId, totalCredits);
  }

  async createWorkspace(record: WorkspaceRecord): Promise<void> {
    await this.#store.createWorkspace(record);
    this.#workspaces.set(record.id, record);
    for (const member of await this.#store.listMembers()) {
      if (member.workspaceId === record.id) this.#members.set(member.id, member);
    }
  }

  async createMember(record: MemberRecord): Promise<void> {
    await this.#store.createMember(record);
    this.#members.set(record.id, record);
  }

  async updateMember(id: string, patch: MemberPatch): Promise<MemberRecord | undefined> {
    const updated = await this.#store.updateMember(id, patch, new Date().toISOString());
    if (updated) this.#members.set(id, updated);
    return updated;
  }
}
