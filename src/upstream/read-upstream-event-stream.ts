import { UpstreamError } from '../core/errors/upstream-error.js';
import type { SseEvent } from '../core/sse-event.js';
import { toUpstreamError, type UpstreamRequest, type UpstreamResponse } from './upstream-client.js';

type CallContext = { request: Pick<UpstreamRequest, 'providerName' | 'timeouts' | 'signal'> };

/** The event-stream decoder module (with Smithy's codec, several MB), loaded on the first Bedrock stream. */
export type EventStreamCodec = typeof import('./decode-aws-event-stream.js');
let codec: Promise<EventStreamCodec> | undefined;

/**
 * Loads the decoder; await it BEFORE sending the request. Loading it between the response headers
 * and the first body read would let an upstream that sends a few frames and then drops the
 * connection lose those frames: undici destroys an unread body, buffered bytes and all, when the
 * socket fails.
 */
export function loadEventStreamCodec(): Promise<EventStreamCodec> {
  codec ??= import('./decode-aws-event-stream.js');
  return codec;
}

/**
 * Iterates the messages of an AWS binary event-stream body (Bedrock ConverseStream) as
 * `{event, data}`, one array per body chunk read (never empty), as the SSE reader yields them.
 * A frame with a bad length or CRC is an invalid response (retryable, so it fails over when it
 * is the first frame); transport failures become typed errors as for SSE. The decoder comes from
 * loadEventStreamCodec, so a gateway without Bedrock never pays for it.
 */
export async function* readUpstreamEventStream(response: UpstreamResponse, context: CallContext, loaded: EventStreamCodec): AsyncGenerator<SseEvent[]> {
  const { AwsEventStreamDecoder, EventStreamFramingError } = loaded;
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
