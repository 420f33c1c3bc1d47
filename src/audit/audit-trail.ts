import type { AuditEntry, AuditQuery, AuditStore, AuditValues } from '../stores/audit-store.js';
import { scrubAuditValues } from './scrub-audit-values.js';

/** Who made a change, and from where. */
export interface AuditActor {
  /** SHA-256 hex of the acting key (never the key itself). */
  keyHash: string;
  keyName: string;
  ip: string | null;
}

/** One change to record. For an update, pass whole before/after views: only differing fields are kept. */
export interface AuditChange {
  action: string;
  workspaceId: string;
  targetId: string | null;
  before?: AuditValues | null;
  after?: AuditValues | null;
}

/**
 * Records management changes and sign-ins in the append-only AuditStore. An update keeps only
 * the fields that changed (both sides); secrets are scrubbed from every value before it is
 * stored, whatever the caller passed.
 */
export class AuditTrail {
  readonly #store: AuditStore;
  readonly #now: () => number;

  constructor(store: AuditStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  async record(actor: AuditActor, change: AuditChange): Promise<AuditEntry> {
    let before = change.before ? scrubAuditValues(change.before) : null;
    let after = change.after ? scrubAuditValues(change.after) : null;
    if (before && after) [before, after] = changedFields(before, after);
    return this.#store.append({
      workspaceId: change.workspaceId,
      actorKeyHash: actor.keyHash,
      actorName: actor.keyName,
      action: change.action,
      targetId: change.targetId,
      ip: actor.ip,
      before,
      after,
      createdAt: this.#now(),
    });
  }

  list(query: AuditQuery): Promise<AuditEntry[]> {
    return this.#store.list(query);
  }
}

/** The fields whose JSON differs between the two views, on each side. */
function changedFields(before: AuditValues, after: AuditValues): [AuditValues, AuditValues] {
  const was: AuditValues = {};
  const now: AuditValues = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    if (field in before) was[field] = before[field];
    if (field in after) now[field] = after[field];
  }
  return [was, now];
}
