import type { ChatMessage, ChatRequest } from '../core/canonical/chat-request.js';
import type { ChatResult } from '../core/canonical/chat-response.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { CompiledFilter, ContentPolicy } from './compile-content-policy.js';
import { redactFindings, type FilterAction, type TextFinding } from './text-finding.js';

/** What the filters found in one request or response: names and actions, never the text. */
export interface GuardFinding {
  name: string;
  action: FilterAction;
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

/** The 403 for a blocking match: names the matched patterns and detectors, never the text. */
export function blockedError(findings: readonly GuardFinding[], direction: 'input' | 'output'): GatewayError {
  const names = [...new Set(findings.filter((f) => f.action === 'block').map((f) => f.name))];
  const injection = names.some((n) => !isDlpName(n));
  const what = injection && names.every((n) => !isDlpName(n)) ? 'prompt injection patterns' : `sensitive information (${names.join(', ')})`;
  return new GatewayError('guardrail_blocked', {
    message: `${direction === 'input' ? 'Request' : 'Response'} blocked: ${what} detected`,
    metadata: { patterns: names, direction },
  });
}

const DLP_NAMES = new Set(['email', 'phone', 'ssn', 'credit-card', 'ip-address', 'iban', 'secret']);
function isDlpName(name: string): boolean {
  return DLP_NAMES.has(name);
}

/**
 * Applies the content filters to a request on the way in: message text, text content
 * parts and tool-call arguments, each filter within its `scan_scope`. Redactions replace
 * the request's messages (the upstream sees only placeholders); a blocking match throws 403
 * after everything was scanned, so the error lists every matched pattern.
 */
export function guardRequestInput(request: ChatRequest, policy: ContentPolicy): GuardFinding[] {
  const all = policy.filters;
  const forUser = all;
  const forOtherRoles = all.filter((f) => f.scope === 'all_messages');
  const findings: GuardFinding[] = [];
  const note = (found: TextFinding[]) => {
    for (const f of found) findings.push({ name: f.name, action: f.action, direction: 'input' });
  };
  const scan = (text: string, filters: readonly CompiledFilter[]) => {
    const result = scanText(text, filters);
    note(result.findings);
    return result.text;
  };
  request.messages = request.messages.map((message) => {
    const filters = message.role === 'user' ? forUser : forOtherRoles;
    return filters.length === 0 ? message : guardMessage(message, filters, scan);
  });
  if (findings.some((f) => f.action === 'block')) throw blockedError(findings, 'input');
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

/** Applies the output filters to a non-streamed result in place; throws 403 on a blocking match. */
export function guardResultOutput(result: ChatResult, filters: readonly CompiledFilter[]): GuardFinding[] {
  const findings: GuardFinding[] = [];
  const scan = (text: string) => {
    const scanned = scanText(text, filters);
    for (const f of scanned.findings) findings.push({ name: f.name, action: f.action, direction: 'output' });
    return scanned.text;
  };
  for (const choice of result.choices) {
    const message = choice.message;
    if (typeof message.content === 'string') message.content = scan(message.content);
    if (typeof message.reasoning === 'string') message.reasoning = scan(message.reasoning);
    for (const call of message.tool_calls ?? []) call.function.arguments = scan(call.function.arguments);
  }
  if (findings.some((f) => f.action === 'block')) throw blockedError(findings, 'output');
  return findings;
}
