import type { NativeBatchLimits } from './native/native-batch-client.js';

/** Room left in each upload for a line's envelope (custom_id, method, url; Anthropic's params wrapper). */
const ENVELOPE_BYTES = 128;

/**
 * Cuts the lines ready for a provider's batch API into upstream batches: one model per batch
 * (OpenAI and Gemini refuse a batch over two models; Anthropic takes the same grouping for one code
 * path), each within the client's item limit and 95% of its byte limit, in input order within a model.
 */
export function groupNativeUploads<T extends { model: string; body: string }>(ready: readonly T[], limits: NativeBatchLimits): T[][] {
  const byModel = new Map<string, T[]>();
  for (const item of ready) {
    const items = byModel.get(item.model);
    if (items) items.push(item);
    else byModel.set(item.model, [item]);
  }
  const maxBytes = Math.floor(limits.maxBytes * 0.95);
  const groups: T[][] = [];
  for (const items of byModel.values()) {
    let group: T[] = [];
    let bytes = 0;
    for (const item of items) {
      const size = Buffer.byteLength(item.body) + ENVELOPE_BYTES;
      if (group.length > 0 && (group.length >= limits.maxItems || bytes + size > maxBytes)) {
        groups.push(group);
        group = [];
        bytes = 0;
      }
      group.push(item);
      bytes += size;
    }
    if (group.length > 0) groups.push(group);
  }
  return groups;
}
