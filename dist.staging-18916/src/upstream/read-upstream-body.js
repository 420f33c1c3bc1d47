import { toUpstreamError } from "./upstream-client.js";
import { SseParser } from "./parse-sse.js";
import { UpstreamError } from "../core/errors/upstream-error.js";
async function readUpstreamText(response, context) {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared <= context.limitBytes) {
    try {
      return await response.body.text();
    } catch (error) {
      throw toUpstreamError(error, { request: context.request, deadline: response.deadline });
    }
  }
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > context.limitBytes) {
        response.body.destroy();
        throw new UpstreamError("upstream_invalid_response", {
          provider: context.request.providerName,
          upstreamStatus: response.status,
          retryable: true,
          message: `Response from ${context.request.providerName} exceeded ${context.limitBytes} bytes`
        });
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw toUpstreamError(error, { request: context.request, deadline: response.deadline });
  }
  return Buffer.concat(chunks).toString("utf8");
}
async function* readUpstreamEvents(response, context) {
  const parser = new SseParser();
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body) {
      const events = parser.push(decoder.decode(chunk, { stream: true }));
      for (const event of events) yield event;
    }
    for (const event of parser.end()) yield event;
  } catch (error) {
    throw toUpstreamError(error, { request: context.request, deadline: response.deadline });
  } finally {
    if (!response.body.destroyed) response.body.destroy();
  }
}
export {
  readUpstreamEvents,
  readUpstreamText
};
//# sourceMappingURL=read-upstream-body.js.map
