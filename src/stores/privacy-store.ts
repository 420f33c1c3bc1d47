import type { PrivacySettings } from '../core/privacy-settings.js';

/**
 * Privacy settings per workspace, and the prompt/completion log of workspaces or keys that
 * opted in. Nothing is logged for anyone else: without an opt-in no text reaches this store.
 */
export interface PrivacyStore {
  /** Every workspace's stored settings, for the in-memory view loaded at start-up. */
  listSettings(): Promise<Array<{ workspaceId: string; settings: PrivacySettings }>>;
  putSettings(workspaceId: string, settings: PrivacySettings): Promise<void>;
  saveContent(record: GenerationContent): Promise<void>;
  /** Logged content of a generation, only for its own workspace and only until it expires. */
  findContent(id: string, workspaceId: string, now: number): Promise<GenerationContent | undefined>;
  /** Deletes content past its retention; returns how many records went. */
  purgeExpiredContent(now: number): Promise<number>;
}

/** The logged input and output of one generation. */
export interface GenerationContent {
  generationId: string;
  workspaceId: string;
  keyHash: string;
  /** JSON text of the request body as the client sent it. */
  input: string;
  /** JSON text of what the model returned (message or streamed text). */
  output: string;
  /** ms since epoch. */
  createdAt: number;
  expiresAt: number;
}
