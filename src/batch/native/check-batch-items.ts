import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type { NativeBatchClient, NativeBatchItem, NativeBatchSubmission } from './native-batch-client.js';

/** What a protocol asks of a batch's items beyond the limits every protocol has. */
export interface BatchItemRules {
  /** Every custom id must match (Anthropic: `^[a-zA-Z0-9_-]{1,64}$`). */
  idPattern?: RegExp;
  /** One upstream batch is one model (Gemini: the model is in the URL): every item's model, which must be known, is the same. */
  modelOf?: (item: NativeBatchItem) => string | undefined;
}

/**
 * Refuse a submission the upstream would refuse as a whole, before anything is uploaded:
 * an endpoint the client does not take, no items, duplicate ids, ids outside `idPattern`,
 * items with no model or mixed models where the batch is one model, more items or bytes than
 * the upstream's limits.
 */
export function checkBatchItems(
  submission: Pick<NativeBatchSubmission, 'endpoint' | 'items'> & { bytes?: number },
  client: Pick<NativeBatchClient, 'protocol' | 'limits' | 'endpoints'>,
  rules: BatchItemRules = {},
): void {
  const { idPattern, modelOf } = rules;
  const where = `${client.protocol} batch`;
  if (!client.endpoints.includes(submission.endpoint)) throw new InvalidRequestError(`The ${where} API does not take ${submission.endpoint} requests`);
  const { items } = submission;
  if (items.length === 0) throw new InvalidRequestError(`A ${where} needs at least one request`);
  if (items.length > client.limits.maxItems) throw new InvalidRequestError(`A ${where} takes at most ${client.limits.maxItems} requests, not ${items.length}`);
  if (submission.bytes !== undefined && submission.bytes > client.limits.maxBytes) {
    throw new InvalidRequestError(`A ${where} upload is at most ${client.limits.maxBytes} bytes, not ${submission.bytes}`);
  }
  const seen = new Set<string>();
  let model: string | undefined;
  for (const item of items) {
    if (seen.has(item.customId)) throw new InvalidRequestError(`Duplicate custom id in a ${where}: ${item.customId}`);
    if (idPattern && !idPattern.test(item.customId)) throw new InvalidRequestError(`A ${where} custom id must match ${idPattern.source}: ${item.customId.slice(0, 80)}`);
    seen.add(item.customId);
    if (!modelOf) continue;
    const itemModel = modelOf(item);
    if (!itemModel) throw new InvalidRequestError(`A ${where} request needs its model (NativeBatchItem.model): ${item.customId.slice(0, 80)} has none`);
    model ??= itemModel;
    if (itemModel !== model) throw new InvalidRequestError(`A ${where} is one model: ${item.customId.slice(0, 80)} uses ${itemModel}, the batch ${model}`);
  }
}

/** The wire body on one line (JSONL): compact JSON stays as it is, anything else is re-serialized. */
export function toSingleLineJson(body: string): string {
  return body.includes('\n') || body.includes('\r') ? JSON.stringify(JSON.parse(body)) : body;
}
