/** One thinking block rebuilt from `reasoning_details`, ready to replay to the vendor that signed it. */
export type SignedReasoning = { kind: 'text'; text: string; signature: string } | { kind: 'encrypted'; data: string };

interface ReasoningDetail {
  type?: unknown;
  text?: unknown;
  signature?: unknown;
  data?: unknown;
  format?: unknown;
  index?: unknown;
}

type Group = { kind: 'text'; index: unknown; text: string; signature: string } | { kind: 'encrypted'; index: unknown; data: string };

/**
 * Rebuilds the thinking blocks of an earlier assistant turn from its `reasoning_details`
 * (OpenRouter's shape) for the vendors whose signatures are bound to the model (Claude on
 * Anthropic, Bedrock, Vertex). Details a client sent back as they streamed — text pieces, then
 * a signature-only piece — are joined: consecutive pieces of the same type and numeric `index`
 * form one block, and a text block ends at its signature. Only formats in `replayable` are
 * kept (a missing or null `format` counts as `undefined`); a text that never got a signature
 * and an empty encrypted blob are dropped, since the vendor would reject them.
 */
export function mergeReasoningDetails(details: unknown, replayable: ReadonlySet<string | undefined>): SignedReasoning[] {
  if (!Array.isArray(details)) return [];
  const groups: Group[] = [];
  for (const raw of details as ReasoningDetail[]) {
    if (!raw || typeof raw !== 'object') continue;
    if (!replayable.has(typeof raw.format === 'string' ? raw.format : undefined)) continue;
    const kind = raw.type === 'reasoning.text' ? 'text' : raw.type === 'reasoning.encrypted' ? 'encrypted' : undefined;
    if (!kind) continue;
    const last = groups[groups.length - 1];
    const continues = last?.kind === kind && typeof raw.index === 'number' && last.index === raw.index && !(last.kind === 'text' && last.signature);
    let group = continues ? last : undefined;
    if (!group) {
      group = kind === 'text' ? { kind, index: raw.index, text: '', signature: '' } : { kind, index: raw.index, data: '' };
      groups.push(group);
    }
    if (group.kind === 'encrypted') {
      if (typeof raw.data === 'string') group.data += raw.data;
    } else {
      if (typeof raw.text === 'string') group.text += raw.text;
      if (typeof raw.signature === 'string') group.signature = raw.signature;
    }
  }
  const blocks: SignedReasoning[] = [];
  for (const group of groups) {
    if (group.kind === 'encrypted' && group.data) blocks.push({ kind: 'encrypted', data: group.data });
    else if (group.kind === 'text' && group.signature) blocks.push({ kind: 'text', text: group.text, signature: group.signature });
  }
  return blocks;
}
