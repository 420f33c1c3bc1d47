import { UpstreamError } from '../core/errors/upstream-error.js';
import type { SseEvent } from '../core/sse-event.js';
import { toUpstreamError, type UpstreamRequest, type UpstreamResponse } from './upstream-client.js';

type CallContext = { request: Pick<UpstreamRequest, 'providerName' | 'timeouts' | 'signal'> };

/**
 * Iterates the messages of an AWS binary event-stream body (Bedrock ConverseStream) as
 * `{event, data}`, one array per body chunk read (never empty), as the SSE reader yields them.
 * A frame with a bad length or CRC is an invalid response (retryable, so it fails over when it
 * is the first frame); transport failures become typed errors as for SSE. The decoder (and Smithy's codec, several MB) is loaded
 * on the first Bedrock stream, so a gateway without Bedrock never pays for it.
 */
export async function* readUpstreamEventStream(response: UpstreamResponse, context: CallContext): AsyncGenerator<SseEvent[]> {
  const { AwsEventStreamDecoder, EventStreamFramingError } = await import('./decode-aws-event-stream.js');
  const decoder = new AwsEventStreamDecoder();
  try {
    for await (const chunk of response.body) {
      const events = decoder.push(chunk as Buffer);
      if (events.length > 0) yield events;
    }
    decoder.end();
  } catch (error) {
    if (error instanceof EventStreamFramingError) {
      throw new UpstreamError('upstream_invalid_response', {
        provider: context.request.providerName,
        upstreamStatus: response.status,
        retryable: true,
        message: `${context.request.providerName} sent an invalid event stream: ${error.message}`,
      });
    }
    throw toUpstreamError(error, { request: context.request, deadline: response.deadline });
  } finally {
    if (!response.body.destroyed) response.body.destroy();
  }
}
