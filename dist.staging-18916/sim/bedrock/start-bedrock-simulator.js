import { enterSimFault } from "../shared/enter-sim-fault.js";
import { readSimBody } from "../shared/read-sim-body.js";
import { createSimRequestBook } from "../shared/sim-request-book.js";
import { startSimServer } from "../shared/start-sim-server.js";
import { parseSimDirectives } from "../shared/parse-sim-directives.js";
import { bedrockErrorFor, sendBedrockError, sendBedrockJson } from "./bedrock-error-reply.js";
import { buildConverseReply, lastUserText } from "./build-converse-reply.js";
import { renderConverseEvents, renderConverseResponse } from "./render-converse-events.js";
import { validateConverseRequest } from "./validate-converse-request.js";
import { verifyAuthorization } from "./verify-sigv4.js";
import { writeEventStream } from "./write-event-stream.js";
const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream)$/;
async function startBedrockSimulator(options = {}) {
  const book = createSimRequestBook();
  async function handle(req, res) {
    const method = req.method ?? "GET";
    const rawPath = req.url ?? "/";
    const raw = await readSimBody(req);
    const route = ROUTE.exec(rawPath.split("?")[0] ?? "");
    let body;
    try {
      body = raw === "" ? void 0 : JSON.parse(raw);
    } catch {
      body = void 0;
    }
    const modelId = route?.[1] ? safeDecode(route[1]) : void 0;
    const auth = await verifyAuthorization({ method, rawPath, headers: req.headers, body: raw, ...options });
    const record = {
      method,
      rawPath,
      operation: route?.[2],
      modelId,
      headers: req.headers,
      body,
      auth: auth.ok ? auth.kind : "none",
      ...auth.ok && auth.accessKeyId ? { accessKeyId: auth.accessKeyId } : {}
    };
    book.record(record);
    if (!auth.ok) return sendBedrockError(res, { status: 403, type: auth.type, message: auth.message });
    if (method !== "POST" || !route) {
      return sendBedrockError(res, { status: 404, type: "UnknownOperationException", message: `Unknown operation ${method} ${rawPath}` });
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return sendBedrockError(res, { status: 400, type: "ValidationException", message: "Malformed input request, please reformat your input and try again." });
    }
    const request = body;
    const directives = parseSimDirectives(lastUserText(request));
    const fault = book.takeFault(directives.fault);
    const seq = book.nextSeq();
    const signal = await enterSimFault({ req, res, fault, latencyMs: options.latencyMs });
    if (!signal) return;
    if (fault.status !== void 0 && fault.status >= 400) {
      const retryAfter = fault.retry_after !== void 0 ? { "retry-after": String(fault.retry_after) } : {};
      return sendBedrockError(res, bedrockErrorFor(fault.status), retryAfter);
    }
    if (fault.context) {
      return sendBedrockError(res, { status: 400, type: "ValidationException", message: "Input is too long for requested model." });
    }
    const invalid = validateConverseRequest(request);
    if (invalid) return sendBedrockError(res, { status: 400, type: "ValidationException", message: invalid });
    const plan = buildConverseReply({ body: request, prompt: directives.text, fault, seq });
    const noUsage = fault.no_usage ?? false;
    if (route[2] === "converse") {
      const text = JSON.stringify(renderConverseResponse(plan, { noUsage }));
      return sendBedrockJson(res, fault.malformed ? text.slice(0, Math.floor(text.length / 2)) : text);
    }
    await writeEventStream(res, renderConverseEvents(plan, { noUsage }), {
      chunkDelayMs: fault.chunk_delay ?? options.chunkDelayMs ?? 0,
      signal,
      stallAfter: fault.stall_after,
      cutAfter: fault.cut_after,
      errorAfter: fault.error_after,
      malformed: fault.malformed
    });
  }
  const server = await startSimServer({
    port: options.port,
    host: options.host,
    handle,
    sendCrash: (res) => sendBedrockError(res, bedrockErrorFor(500))
  });
  return {
    url: server.origin,
    port: server.port,
    requests: book.requests,
    enqueueFault: book.enqueueFault,
    reset: book.reset,
    close: server.close
  };
}
function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return void 0;
  }
}
export {
  startBedrockSimulator
};
//# sourceMappingURL=start-bedrock-simulator.js.map
