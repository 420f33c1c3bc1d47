/**
 * Workspaces and their members. Keys belong to a member (ApiKeyRecord.creatorUserId, or the
 * workspace's owner member when null); a member may carry its own budget, enforced by the ledger
 * independently of its keys' limits.
 */
import type { LimitReset } from './key-store.js';

export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface MemberRecord {
  id: string;
  workspaceId: string;
  name: string;
  email: string | null;
  /** Budget in USD as a decimal string, or null for none. */
  limit: string | null;
  limitReset: LimitReset | null;
  includeByokInLimit: boolean;
  createdAt: string;
  updatedAt: string | null;
}

export type MemberPatch = Partial<Pick<MemberRecord, 'name' | 'email' | 'limit' | 'limitReset' | 'includeByokInLimit'>>;

/** The owner member every workspace has; keys created without a member belong to it. */
export const ownerMemberId = (workspaceId: string) => `${workspaceId}:owner`;

export interface WorkspaceStore {
  /** Creates the workspace and its owner member together. */
  createWorkspace(record: WorkspaceRecord): Promise<void>;
  listWorkspaces(): Promise<WorkspaceRecord[]>;
  createMember(record: MemberRecord): Promise<void>;
  /** Every member, for the in-memory directory loaded at start-up. */
  listMembers(): Promise<MemberRecord[]>;
  updateMember(id: string, patch: MemberPatch, updatedAt: string): Promise<MemberRecord | undefined>;
}
