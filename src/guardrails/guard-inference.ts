import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { ChatResult } from '../core/canonical/chat-response.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import type { BudgetLimit } from '../billing/budget-limit.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import type { RoutingConstraints } from '../routing/routing-constraints.js';
import type { RequestGuardrails } from './guardrail-registry.js';
import type { StreamEncoder } from '../core/sse-sink.js';
import { mergeRoutingConstraints } from '../routing/routing-constraints.js';
import { blockedError, blocks, scanRequestInput, scanResultOutput, type GuardFinding } from './apply-content-policy.js';
import type { GuardrailRegistry } from './guardrail-registry.js';
import { GuardedStreamEncoder } from './guard-output-stream.js';

/**
 * What the guardrails read and write on a request (the pipeline's InferenceContext satisfies it):
 * declared here so guardrails do not depend on the pipeline above them.
 */
export interface GuardedRequest {
  readonly generationId: string;
  readonly caller: { readonly key: ApiKeyRecord };
  request: ChatRequest;
  constraints: RoutingConstraints;
  budgets: BudgetLimit[];
  guardrails: RequestGuardrails | undefined;
}

/**
 * The guardrails' hooks in the request lifecycle (the pipeline's guard-input, relay and deliver
 * stages call these and nothing else of this module): input before routing, output around the
 * result or stream. Requests of keys without guardrails pay one Map lookup.
 */
export class GuardInference {
  readonly #registry: GuardrailRegistry;
  readonly #logger: Logger;
  readonly #matches: Counter<'filter' | 'action' | 'direction'>;
  readonly #bound = new Map<string, { inc(): void }>();

  constructor(options: { registry: GuardrailRegistry; logger: Logger; metrics: Registry }) {
    this.#registry = options.registry;
    this.#logger = options.logger;
    this.#matches = new Counter({
      name: 'switchyard_guardrail_matches_total',
      help: 'Guardrail content-filter matches by filter (pattern or detector name), action and direction',
      labelNames: ['filter', 'action', 'direction'] as const,
      registers: [options.metrics],
    });
  }

  /**
   * Applies the key's guardrails to a parsed request: merges their routing limits into
   * `ctx.constraints`, adds their budgets to `ctx.budgets`, and runs the input filters
   * (redacting in place, or throwing 403 on a blocking match).
   */
  /** Changes whenever any guardrail or assignment changes. */
  get policyVersion(): number {
    return this.#registry.version;
  }

  guardInput(ctx: GuardedRequest): void {
    const guardrails = this.#registry.forKey(ctx.caller.key);
    if (!guardrails) return;
    ctx.guardrails = guardrails;
    ctx.constraints = mergeRoutingConstraints(ctx.constraints, guardrails.constraints);
    if (guardrails.budgets.length > 0) ctx.budgets.push(...guardrails.budgets);
    if (!guardrails.content) return;
    // Every finding is recorded, those of a blocked request included.
    const findings = scanRequestInput(ctx.request, guardrails.content);
    this.#record(ctx, findings);
    if (blocks(findings)) throw blockedError(findings, 'input');
  }

  /** Output filters on a non-streamed result (redacts in place; 403 on a blocking match). */
  guardResult(ctx: GuardedRequest, result: ChatResult): void {
    const filters = ctx.guardrails?.content?.outputFilters;
    if (!filters || filters.length === 0) return;
    const findings = scanResultOutput(result, filters);
    this.#record(ctx, findings);
    if (blocks(findings)) throw blockedError(findings, 'output');
  }

  /**
   * The encoder a stream should use: the client's own, or — when output filters apply —
   * one that scans the text first. Only then does the stream leave the fast path.
   */
  streamEncoder(ctx: GuardedRequest, encoder: StreamEncoder): StreamEncoder {
    const filters = ctx.guardrails?.content?.outputFilters;
    if (!filters || filters.length === 0) return encoder;
    return new GuardedStreamEncoder(encoder, { filters, onFindings: (findings) => this.#record(ctx, findings) });
  }

  /** Flag records: metadata only (names, actions, counts), never the matched text. */
  #record(ctx: GuardedRequest, findings: readonly GuardFinding[]): void {
    if (findings.length === 0) return;
    const counts = new Map<string, number>();
    for (const f of findings) {
      const key = `${f.name}|${f.action}|${f.direction}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      let child = this.#bound.get(key);
      if (!child) {
        child = this.#matches.labels(f.name, f.action, f.direction);
        this.#bound.set(key, child);
      }
      child.inc();
    }
    this.#logger.info(
      {
        generation_id: ctx.generationId,
        key_hash: ctx.caller.key.hash,
        workspace_id: ctx.caller.key.workspaceId,
        guardrail_ids: ctx.guardrails?.ids,
        matches: [...counts].map(([key, count]) => {
          const [filter, action, direction] = key.split('|');
          return { filter, action, direction, count };
        }),
      },
      'guardrail content filter matched',
    );
  }
}
