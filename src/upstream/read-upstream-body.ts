import type { UpstreamResponse } from './upstream-client.js';
import { toUpstreamError, type UpstreamRequest } from './upstream-client.js';
import { UpstreamError } from '../core/errors/upstream-error.js';

type CallContext = { request: Pick<UpstreamRequest, 'providerName' | 'timeouts' | 'signal'> };

/**
 * Reads a whole upstream body as text, refusing more than `limitBytes` (a runaway or hostile
 * upstream must not exhaust memory). Transport failures come out as typed errors.
 */
export async function readUpstreamText(
  response: UpstreamResponse,
  context: CallContext & { limitBytes: number },
): Promise<string> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared <= context.limitBytes) {
    // The common case: a sized body under the limit, read by undici in one go.
    try {
      return await response.body.text();
    } catch (error) {
      throw toUpstreamError(error, { request: context.request, deadline: response.deadline });
    }
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > context.limitBytes) {
        response.body.destroy();
        throw new UpstreamError('upstream_invalid_response', {
          provider: context.request.providerName,
          upstreamStatus: response.status,
          retryable: true,
          message: `Response from ${context.request.providerName} exceeded ${context.limitBytes} bytes`,
        });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw toUpstreamError(error, { request: context.request, deadline: response.deadline });
  }
  return Buffer.concat(chunks).toString('utf8');
}
