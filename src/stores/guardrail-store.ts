import type { LimitReset } from './key-store.js';

/** What a content filter does with a match. Priority when several apply: block > redact > flag. */
export type FilterAction = 'flag' | 'redact' | 'block';

/** Which messages a filter reads: OpenRouter's `scan_scope`. */
export type ScanScope = 'user_only' | 'all_messages';

/** A built-in content filter as configured: OpenRouter's `content_filter_builtins[]` entry. */
export interface BuiltinFilterConfig {
  slug: string;
  action: FilterAction;
  scan_scope?: ScanScope;
}

/** A custom pattern: OpenRouter's `content_filters[]` entry. */
export interface CustomFilterConfig {
  pattern: string;
  action: FilterAction;
  label?: string;
}

/** What a guardrail enforces (everything but identity and timestamps), in wire field names. */
export interface GuardrailPolicy {
  description: string | null;
  /** USD decimal string; null = no budget. */
  limit_usd: string | null;
  reset_interval: LimitReset | null;
  include_byok_in_budgets: boolean;
  allowed_models: string[] | null;
  allowed_providers: string[] | null;
  ignored_providers: string[] | null;
  enforce_zdr: boolean;
  content_filter_builtins: BuiltinFilterConfig[];
  content_filters: CustomFilterConfig[];
  /** Beyond OpenRouter: apply the DLP filters to the model's output too (default true). */
  scan_output: boolean;
}

/** A stored guardrail. */
export interface GuardrailRecord {
  id: string;
  workspaceId: string;
  name: string;
  policy: GuardrailPolicy;
  createdAt: string;
  updatedAt: string | null;
}

/** One assignment of a guardrail to an API key (by hash) or an org member (by user id). */
export interface GuardrailAssignment {
  guardrailId: string;
  workspaceId: string;
  /** Key hash or member id. */
  target: string;
  createdAt: string;
}

export type AssignmentKind = 'key' | 'member';

/**
 * Guardrails and their assignments. A key or a member holds at most one guardrail:
 * assigning replaces an earlier assignment, as on OpenRouter. Every read is scoped to a
 * workspace except the start-up load.
 */
export interface GuardrailStore {
  create(record: GuardrailRecord): Promise<void>;
  get(id: string, workspaceId: string): Promise<GuardrailRecord | undefined>;
  list(workspaceId: string, options: { offset: number; limit: number }): Promise<GuardrailRecord[]>;
  /** Replaces name and policy; returns the stored record, or undefined when there is no such guardrail. */
  update(record: GuardrailRecord): Promise<GuardrailRecord | undefined>;
  /** Deletes the guardrail and its assignments. */
  delete(id: string, workspaceId: string): Promise<boolean>;
  assign(kind: AssignmentKind, assignments: GuardrailAssignment[]): Promise<number>;
  /** Removes these targets' assignments to this guardrail; returns how many existed. */
  unassign(kind: AssignmentKind, options: { guardrailId: string; workspaceId: string; targets: string[] }): Promise<number>;
  listAssignments(kind: AssignmentKind, options: { workspaceId: string; guardrailId?: string }): Promise<GuardrailAssignment[]>;
  /** Every guardrail and assignment, for warming the in-memory registry at start-up. */
  loadAll(): Promise<{ guardrails: GuardrailRecord[]; keys: GuardrailAssignment[]; members: GuardrailAssignment[] }>;
}
