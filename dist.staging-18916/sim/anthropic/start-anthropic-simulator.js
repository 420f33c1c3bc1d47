import { enterSimFault } from "../shared/enter-sim-fault.js";
import { readSimBody } from "../shared/read-sim-body.js";
import { createSimRequestBook } from "../shared/sim-request-book.js";
import { startSimServer } from "../shared/start-sim-server.js";
import { parseSimDirectives } from "../shared/parse-sim-directives.js";
import { sendAnthropicError } from "./anthropic-sim-error.js";
import { countAnthropicPrompt } from "./count-anthropic-prompt.js";
import { handleMessages } from "./handle-messages.js";
import { readAnthropicPrompt } from "./read-anthropic-prompt.js";
import { sendAnthropicJson } from "./send-anthropic-json.js";
const SIM_MODELS = ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"];
async function startAnthropicSimulator(options = {}) {
  const book = createSimRequestBook();
  const cache = /* @__PURE__ */ new Set();
  async function handleRequest(req, res) {
    const method = req.method ?? "GET";
    const rawUrl = req.url ?? "/";
    const query = rawUrl.indexOf("?");
    const path = query === -1 ? rawUrl : rawUrl.slice(0, query);
    const raw = method === "POST" ? await readSimBody(req) : "";
    let body;
    try {
      body = raw === "" ? void 0 : JSON.parse(raw);
    } catch {
      body = void 0;
    }
    book.record({ method, path, headers: req.headers, body });
    const apiKey = req.headers["x-api-key"];
    if ((typeof apiKey !== "string" || apiKey === "") && !/^Bearer\s+\S/i.test(req.headers.authorization ?? "")) {
      return sendAnthropicError(res, { status: 401, message: "x-api-key header is required" });
    }
    const apiVersion = req.headers["anthropic-version"];
    if (typeof apiVersion !== "string" || apiVersion === "") return sendAnthropicError(res, { status: 400, message: "anthropic-version: header is required" });
    const isMessages = method === "POST" && path === "/v1/messages";
    const isCount = method === "POST" && path === "/v1/messages/count_tokens";
    if (method === "GET" && path === "/v1/models") return sendAnthropicJson(res, 200, listModels());
    if (!isMessages && !isCount) return sendAnthropicError(res, { status: 404, message: `${method} ${path} not found` });
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return sendAnthropicError(res, { status: 400, message: "There was an issue with the request body: the JSON could not be parsed." });
    }
    const record = body;
    if (isCount) return sendAnthropicJson(res, 200, { input_tokens: countAnthropicPrompt(record, /* @__PURE__ */ new Set()).total });
    const directives = parseSimDirectives(readAnthropicPrompt(record.messages).text);
    const fault = book.takeFault(directives.fault);
    const seq = book.nextSeq();
    const signal = await enterSimFault({ req, res, fault, latencyMs: options.latencyMs });
    if (!signal) return;
    if (fault.status !== void 0 && fault.status >= 400) return sendAnthropicError(res, { status: fault.status, retryAfterSeconds: fault.retry_after });
    if (fault.context) return sendAnthropicError(res, { status: 400, message: "prompt is too long: 210000 tokens > 200000 maximum" });
    await handleMessages({ res, body: record, prompt: directives.text, fault, seq, apiVersion, chunkDelayMs: options.chunkDelayMs ?? 0, signal, cache });
  }
  const server = await startSimServer({
    port: options.port,
    host: options.host,
    handle: handleRequest,
    sendCrash: (res) => sendAnthropicError(res, { status: 500 })
  });
  return {
    url: server.origin,
    port: server.port,
    requests: book.requests,
    enqueueFault: book.enqueueFault,
    reset() {
      book.reset();
      cache.clear();
    },
    close: server.close
  };
}
function listModels() {
  const data = SIM_MODELS.map((id) => ({ type: "model", id, display_name: id, created_at: "2025-09-29T00:00:00Z" }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
export {
  startAnthropicSimulator
};
//# sourceMappingURL=start-anthropic-simulator.js.map
