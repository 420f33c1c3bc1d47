import { UpstreamError } from "../core/errors/upstream-error.js";
import { AwsEventStreamDecoder, EventStreamFramingError } from "./decode-aws-event-stream.js";
import { toUpstreamError } from "./upstream-client.js";
async function* readUpstreamEventStream(response, context) {
  const decoder = new AwsEventStreamDecoder();
  try {
    for await (const chunk of response.body) {
      for (const event of decoder.push(chunk)) yield event;
    }
    decoder.end();
  } catch (error) {
    if (error instanceof EventStreamFramingError) {
      throw new UpstreamError("upstream_invalid_response", {
        provider: context.request.providerName,
        upstreamStatus: response.status,
        retryable: true,
        message: `${context.request.providerName} sent an invalid event stream: ${error.message}`
      });
    }
    throw toUpstreamError(error, { request: context.request, deadline: response.deadline });
  } finally {
    if (!response.body.destroyed) response.body.destroy();
  }
}
export {
  readUpstreamEventStream
};
//# sourceMappingURL=read-upstream-event-stream.js.map
