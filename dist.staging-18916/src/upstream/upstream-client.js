import { Agent } from "undici";
import { GatewayError } from "../core/errors/gateway-error.js";
import { UpstreamError, UpstreamTimeoutError } from "../core/errors/upstream-error.js";
class RequestAbortedError extends GatewayError {
  constructor() {
    super("shutting_down", { message: "The request was cancelled", status: 499 });
  }
}
class UpstreamClient {
  #agents = /* @__PURE__ */ new Map();
  async send(request) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error("total deadline"));
    }, request.timeouts.totalMs);
    const release = () => {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", onAbort);
    };
    try {
      const response = await this.#agentFor(request.timeouts.connectMs).request({
        origin: originOf(request.url),
        path: pathOf(request.url),
        method: request.method ?? "POST",
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        headersTimeout: request.timeouts.firstByteMs,
        bodyTimeout: request.timeouts.idleMs
      });
      response.body.once("close", release);
      return { status: response.statusCode, headers: response.headers, body: response.body, deadline: { get aborted() {
        return timedOut;
      } } };
    } catch (error) {
      release();
      throw toUpstreamError(error, { request, deadline: { aborted: timedOut } });
    }
  }
  async close() {
    await Promise.all([...this.#agents.values()].map((agent) => agent.close()));
  }
  #agentFor(connectMs) {
    let agent = this.#agents.get(connectMs);
    if (!agent) {
      agent = new Agent({ connect: { timeout: connectMs }, keepAliveTimeout: 3e4, connections: 256 });
      this.#agents.set(connectMs, agent);
    }
    return agent;
  }
}
function toUpstreamError(error, context) {
  if (error instanceof GatewayError) return error;
  const { request, deadline } = context;
  const provider = request.providerName;
  const code = error?.code;
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return new UpstreamTimeoutError({ provider, phase: "connect", timeoutMs: request.timeouts.connectMs });
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT") {
    return new UpstreamTimeoutError({ provider, phase: "first_byte", timeoutMs: request.timeouts.firstByteMs });
  }
  if (code === "UND_ERR_BODY_TIMEOUT") {
    return new UpstreamTimeoutError({ provider, phase: "idle", timeoutMs: request.timeouts.idleMs });
  }
  if (request.signal.aborted) return new RequestAbortedError();
  if (deadline.aborted) return new UpstreamTimeoutError({ provider, phase: "total", timeoutMs: request.timeouts.totalMs });
  return new UpstreamError("upstream_error", {
    provider,
    upstreamStatus: null,
    retryable: true,
    message: `Could not reach ${provider}: ${describeTransportError(error)}`,
    cause: error
  });
}
function describeTransportError(error) {
  const code = error?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} (${message})` : message;
}
function originOf(url) {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  return start < 0 ? url : url.slice(0, start);
}
function pathOf(url) {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  return start < 0 ? "/" : url.slice(start);
}
export {
  RequestAbortedError,
  UpstreamClient,
  toUpstreamError
};
//# sourceMappingURL=upstream-client.js.map
