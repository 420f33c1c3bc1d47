/**
 * The audit trail: one append-only entry per management change and per dashboard sign-in.
 * Entries are never updated or deleted (the SQLite table refuses it with triggers). Each entry
 * says who acted (the acting key's hash and name, never the key), when, from where, and what
 * changed; the caller scrubs secrets before appending (audit/audit-trail.ts).
 */

/** A JSON object as stored in `before` / `after`. */
export type AuditValues = Record<string, unknown>;

/** What the caller appends; the store assigns `id`. */
export interface NewAuditEntry {
  /** The workspace the change belongs to. */
  workspaceId: string;
  /** SHA-256 hex of the acting key. */
  actorKeyHash: string;
  actorName: string;
  /** e.g. "key.create", "credits.add", "dashboard.sign_in". */
  action: string;
  /** What was changed: a key hash, a guardrail id, a workspace id…; null when nothing in particular. */
  targetId: string | null;
  /** Client IP address as the gateway saw it. */
  ip: string | null;
  /** The changed fields before (null for a creation). */
  before: AuditValues | null;
  /** The changed fields after (null for a deletion). */
  after: AuditValues | null;
  /** ms since epoch. */
  createdAt: number;
}

/** A stored entry. `id` grows with every append, so it orders entries and is the page cursor. */
export interface AuditEntry extends NewAuditEntry {
  id: number;
}

/** Filters of a listing (all optional, combined with AND); newest first. */
export interface AuditQuery {
  workspaceId?: string;
  action?: string;
  actorKeyHash?: string;
  targetId?: string;
  /** ms since epoch, inclusive. */
  since?: number;
  /** ms since epoch, exclusive. */
  until?: number;
  /** Keyset cursor: only entries with an id below this one. */
  beforeId?: number;
  limit: number;
}

export interface AuditStore {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries matching the query, newest (highest id) first, at most `limit`. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}
