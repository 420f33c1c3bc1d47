import { GatewayError } from '../core/errors/gateway-error.js';
import { BUILTIN_DLP_DETECTORS, type DlpSlug } from './dlp/builtin-dlp-detectors.js';
import { compileCustomPattern } from './dlp/compile-custom-pattern.js';
import type { BuiltinFilterConfig, CustomFilterConfig } from '../stores/guardrail-store.js';
import { detectPromptInjection } from './prompt-injection/detect-prompt-injection.js';
import { ACTION_RANK, type FilterAction, type FilterKind, type ScanScope, type TextFinding } from './text-finding.js';

/** OpenRouter's slug for the prompt-injection built-in. */
export const PROMPT_INJECTION_SLUG = 'regex-prompt-injection';
/** Every built-in slug accepted in `content_filter_builtins`. */
export const BUILTIN_SLUGS: readonly string[] = [PROMPT_INJECTION_SLUG, ...Object.keys(BUILTIN_DLP_DETECTORS)];
/** Custom patterns allowed on one guardrail. */
export const MAX_CUSTOM_FILTERS = 50;

/** One filter ready to run: a built-in or a compiled custom pattern, with its action and reach. */
export interface CompiledFilter {
  /** Identity for combining guardrails: `builtin:email`, `custom:<pattern>`. */
  id: string;
  action: FilterAction;
  scope: ScanScope;
  /** Whether it also runs on the model's output (DLP filters only). */
  output: boolean;
  find(text: string): TextFinding[];
}

/** The content filters that apply to one request, after combining its guardrails. */
export interface ContentPolicy {
  /** Every filter; all of them read user messages. */
  filters: CompiledFilter[];
  /** The `all_messages` filters: those that also read system, assistant and tool messages. */
  otherRoleFilters: CompiledFilter[];
  /** The filters that run on the model's output; empty keeps streams on the fast path. */
  outputFilters: CompiledFilter[];
}

function fromSpans(spans: Array<[number, number]>, found: { name: string; placeholder: string; action: FilterAction; kind: FilterKind }): TextFinding[] {
  return spans.map(([start, end]) => ({ start, end, ...found }));
}

/**
 * Compiles one guardrail's filters, validating them (unknown slugs, bad patterns → 400) so
 * configuration errors surface when the guardrail is saved, never on a request.
 */
export function compileFilters(options: { builtins: BuiltinFilterConfig[]; custom: CustomFilterConfig[]; scanOutput: boolean }): CompiledFilter[] {
  const filters: CompiledFilter[] = [];
  for (const [index, config] of options.builtins.entries()) {
    const scope = config.scan_scope ?? 'all_messages';
    if (config.slug === PROMPT_INJECTION_SLUG) {
      filters.push({
        id: `builtin:${config.slug}`,
        action: config.action,
        scope,
        output: false,
        find: (text) => detectPromptInjection(text).map((m) => ({ start: m.start, end: m.end, name: m.name, placeholder: '[PROMPT_INJECTION]', action: config.action, kind: 'injection' })),
      });
      continue;
    }
    const detector = BUILTIN_DLP_DETECTORS[config.slug as DlpSlug];
    if (!detector) {
      throw new GatewayError('invalid_request', {
        message: `content_filter_builtins[${index}].slug: unknown built-in "${config.slug}"; supported: ${BUILTIN_SLUGS.join(', ')}`,
      });
    }
    filters.push({
      id: `builtin:${config.slug}`,
      action: config.action,
      scope,
      output: options.scanOutput,
      find: (text) => fromSpans(detector.find(text), { name: detector.slug, placeholder: detector.placeholder, action: config.action, kind: 'dlp' }),
    });
  }
  if (options.custom.length > MAX_CUSTOM_FILTERS) {
    throw new GatewayError('invalid_request', { message: `content_filters: at most ${MAX_CUSTOM_FILTERS} custom patterns per guardrail` });
  }
  for (const [index, config] of options.custom.entries()) {
    const compiled = compileCustomPattern(config.pattern, `content_filters[${index}].pattern`);
    const name = config.label ?? 'custom';
    filters.push({
      id: `custom:${config.pattern}`,
      action: config.action,
      scope: 'all_messages',
      output: options.scanOutput,
      find: (text) => fromSpans(compiled.find(text), { name, placeholder: '[REDACTED]', action: config.action, kind: 'custom' }),
    });
  }
  return filters;
}

/**
 * Unions the filters of several guardrails: the same filter from two guardrails runs once
 * with the stricter action (block > redact > flag), the wider scope and output scanning if
 * either asks for it.
 */
export function combineFilters(lists: CompiledFilter[][]): ContentPolicy {
  const byId = new Map<string, CompiledFilter>();
  for (const list of lists) {
    for (const filter of list) {
      const seen = byId.get(filter.id);
      if (!seen) {
        byId.set(filter.id, filter);
        continue;
      }
      const action = ACTION_RANK[filter.action] > ACTION_RANK[seen.action] ? filter.action : seen.action;
      const winner = action === filter.action ? filter : seen;
      byId.set(filter.id, {
        id: filter.id,
        action,
        scope: seen.scope === 'all_messages' || filter.scope === 'all_messages' ? 'all_messages' : 'user_only',
        output: seen.output || filter.output,
        find: winner.find,
      });
    }
  }
  const filters = [...byId.values()];
  // Split once here (guardrails change rarely) rather than on every request.
  return { filters, otherRoleFilters: filters.filter((f) => f.scope === 'all_messages'), outputFilters: filters.filter((f) => f.output) };
}
