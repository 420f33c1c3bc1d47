import type { ChatMessage, ChatRequest } from '../core/canonical/chat-request.js';
import type { ChatResult } from '../core/canonical/chat-response.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { CompiledFilter, ContentPolicy } from './compile-content-policy.js';
import { redactFindings, type FilterAction, type FilterKind, type TextFinding } from './text-finding.js';

/** What the filters found in one request or response: names and actions, never the text. */
export interface GuardFinding {
  name: string;
  action: FilterAction;
  kind: FilterKind;
  direction: 'input' | 'output';
}

/** Scans one text with the given filters; returns the text to send on and the findings. */
export function scanText(text: string, filters: readonly CompiledFilter[]): { text: string; findings: TextFinding[] } {
  if (text.length === 0) return { text, findings: [] };
  let findings: TextFinding[] | undefined;
  for (const filter of filters) {
    const found = filter.find(text);
    if (found.length > 0) (findings ??= []).push(...found);
  }
  if (!findings) return { text, findings: [] };
  return { text: redactFindings(text, findings), findings };
}

const KIND_WORDING: Record<FilterKind, string> = {
  injection: 'prompt injection patterns',
  dlp: 'sensitive information',
  custom: 'custom content filters',
};

/**
 * The 403 for a blocking match: names the matched patterns and detectors, never the text,
 * and says how to get through (change the text, or the guardrail's filter).
 */
export function blockedError(findings: readonly GuardFinding[], direction: 'input' | 'output'): GatewayError {
  const byKind = new Map<FilterKind, Set<string>>();
  for (const f of findings) {
    if (f.action !== 'block') continue;
    let names = byKind.get(f.kind);
    if (!names) byKind.set(f.kind, (names = new Set()));
    names.add(f.name);
  }
  const what = [...byKind].map(([kind, names]) => (kind === 'injection' ? KIND_WORDING.injection : `${KIND_WORDING[kind]} (${[...names].join(', ')})`));
  const patterns = [...byKind.values()].flatMap((names) => [...names]);
  const fix = direction === 'input' ? 'Remove it from the request' : 'The model produced it; rephrase the request';
  return new GatewayError('guardrail_blocked', {
    message: `${direction === 'input' ? 'Request' : 'Response'} blocked by a guardrail: ${what.join(' and ')} detected. ${fix}, or ask a workspace admin to change the guardrail's content filters.`,
    metadata: { patterns, direction },
  });
}

/** True when a finding's action blocks the request. */
export function blocks(findings: readonly GuardFinding[]): boolean {
  return findings.some((f) => f.action === 'block');
}

/**
 * Applies the content filters to a request on the way in: message text, text content
 * parts and tool-call arguments, each filter within its `scan_scope`. Redactions replace
 * the request's messages (the upstream sees only placeholders). Returns every finding; the
 * caller records them and answers 403 when one blocks (`blocks`, `blockedError`), so the
 * error lists every matched pattern.
 */
export function scanRequestInput(request: ChatRequest, policy: ContentPolicy): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const scan = (text: string, filters: readonly CompiledFilter[]) => {
    const result = scanText(text, filters);
    for (const f of result.findings) findings.push({ name: f.name, action: f.action, kind: f.kind, direction: 'input' });
    return result.text;
  };
  request.messages = request.messages.map((message) => {
    const filters = message.role === 'user' ? policy.filters : policy.otherRoleFilters;
    return filters.length === 0 ? message : guardMessage(message, filters, scan);
  });
  return findings;
}

function guardMessage(message: ChatMessage, filters: readonly CompiledFilter[], scan: (text: string, filters: readonly CompiledFilter[]) => string): ChatMessage {
  let next: ChatMessage = message;
  const content = message.content;
  if (typeof content === 'string') {
    const text = scan(content, filters);
    if (text !== content) next = { ...next, content: text };
  } else if (Array.isArray(content)) {
    let changed = false;
    const parts = content.map((part) => {
      if (part.type !== 'text' || typeof part.text !== 'string') return part;
      const text = scan(part.text, filters);
      if (text === part.text) return part;
      changed = true;
      return { ...part, text };
    });
    if (changed) next = { ...next, content: parts };
  }
  if (message.tool_calls) {
    let changed = false;
    const calls = message.tool_calls.map((call) => {
      const args = scan(call.function.arguments, filters);
      if (args === call.function.arguments) return call;
      changed = true;
      return { ...call, function: { ...call.function, arguments: args } };
    });
    if (changed) next = { ...next, tool_calls: calls };
  }
  return next;
}

/** Applies the output filters to a non-streamed result in place; returns every finding (see scanRequestInput). */
export function scanResultOutput(result: ChatResult, filters: readonly CompiledFilter[]): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const scan = (text: string) => {
    const scanned = scanText(text, filters);
    for (const f of scanned.findings) findings.push({ name: f.name, action: f.action, kind: f.kind, direction: 'output' });
    return scanned.text;
  };
  for (const choice of result.choices) {
    const message = choice.message;
    if (typeof message.content === 'string') message.content = scan(message.content);
    if (typeof message.reasoning === 'string') message.reasoning = scan(message.reasoning);
    for (const call of message.tool_calls ?? []) call.function.arguments = scan(call.function.arguments);
  }
  return findings;
}
