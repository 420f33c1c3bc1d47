import { enterSimFault } from "../shared/enter-sim-fault.js";
import { readSimBody } from "../shared/read-sim-body.js";
import { createSimRequestBook } from "../shared/sim-request-book.js";
import { startSimServer } from "../shared/start-sim-server.js";
import { handleChatCompletions } from "./handle-chat-completions.js";
import { handleEmbeddings, readEmbeddingInputs } from "./handle-embeddings.js";
import { handleLegacyCompletions, readLegacyPrompts } from "./handle-legacy-completions.js";
import { listSimModels, SIM_MODEL_IDS } from "./list-sim-models.js";
import { buildContextLengthError, buildOpenAIError, makeOpenAIError } from "./openai-error-body.js";
import { azureAccessError, azureContentFilterError } from "./render-azure-chat.js";
import { parseSimDirectives } from "../shared/parse-sim-directives.js";
import { findLastUserText } from "./read-message-text.js";
import { sendJsonReply } from "./send-json-reply.js";
const POST_ROUTES = {
  "/v1/chat/completions": { readPrompt: (body) => findLastUserText(body.messages), handle: handleChatCompletions },
  "/v1/completions": { readPrompt: (body) => readLegacyPrompts(body).join("\n"), handle: handleLegacyCompletions },
  "/v1/embeddings": { readPrompt: (body) => readEmbeddingInputs(body).join("\n"), handle: handleEmbeddings }
};
const INVALID_JSON = makeOpenAIError(
  400,
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  "invalid_request_error"
);
async function startOpenAISimulator(options = {}) {
  const book = createSimRequestBook();
  const keyFaults = /* @__PURE__ */ new Map();
  async function handleRequest(req, res) {
    const method = req.method ?? "GET";
    const rawUrl = req.url ?? "/";
    const query = rawUrl.indexOf("?");
    const path = query === -1 ? rawUrl : rawUrl.slice(0, query);
    const raw = method === "POST" ? await readSimBody(req) : "";
    let body;
    let parsed = raw === "";
    if (raw !== "") {
      try {
        body = JSON.parse(raw);
        parsed = true;
      } catch {
        body = void 0;
      }
    }
    book.record({ method, path, query: query === -1 ? "" : rawUrl.slice(query + 1), headers: req.headers, body });
    const azure = method === "POST" ? matchAzurePath(path) : void 0;
    if (azure) {
      if (!req.headers["api-key"]) return sendAzureError(res, azureAccessError(401));
      const version = new URLSearchParams(query === -1 ? "" : rawUrl.slice(query + 1)).get("api-version");
      if (azure.deployment !== void 0 && !version) return sendAzureError(res, azureAccessError(404));
    } else if (!/^Bearer\s+\S/i.test(req.headers.authorization ?? "")) return sendError(res, buildOpenAIError(401));
    const route = method === "POST" ? POST_ROUTES[azure ? "/v1/chat/completions" : path] : void 0;
    const isModels = method === "GET" && (path === "/v1/models" || path.startsWith("/v1/models/"));
    if (!route && !isModels) {
      return sendError(res, makeOpenAIError(404, `Invalid URL (${method} ${path})`, "invalid_request_error"));
    }
    const record = typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
    if (route && (!parsed || record !== body)) return sendError(res, INVALID_JSON);
    if (azure?.deployment !== void 0) record.model = azure.deployment;
    const directives = route ? parseSimDirectives(route.readPrompt(record)) : { fault: {}, text: "" };
    const keyed = keyFaults.size > 0 ? keyFaultFor(azure ? String(req.headers["api-key"]) : req.headers.authorization, { path, body: record }) : void 0;
    const fault = book.takeFault(directives.fault, keyed);
    const seq = book.nextSeq();
    const signal = await enterSimFault({ req, res, fault, latencyMs: options.latencyMs });
    if (!signal) return;
    const model = typeof record.model === "string" ? record.model : void 0;
    if (fault.status !== void 0 && fault.status >= 400) {
      return sendError(res, buildOpenAIError(fault.status, { model, retryAfterSeconds: fault.retry_after }));
    }
    if (fault.context) return sendError(res, buildContextLengthError(0));
    if (azure && fault.content_filter) return sendAzureError(res, azureContentFilterError());
    if (isModels) return answerModels(res, path);
    await route?.handle({
      res,
      body: record,
      prompt: directives.text,
      fault,
      seq,
      chunkDelayMs: options.chunkDelayMs ?? 0,
      signal,
      azure: azure !== void 0
    });
  }
  function keyFaultFor(authorization, request) {
    const entry = keyFaults.get((authorization ?? "").replace(/^Bearer\s+/i, ""));
    return typeof entry === "function" ? entry(request) : entry;
  }
  const server = await startSimServer({
    port: options.port,
    host: options.host,
    handle: handleRequest,
    sendCrash: (res) => sendError(res, buildOpenAIError(500))
  });
  return {
    url: `${server.origin}/v1`,
    azureEndpoint: server.origin,
    port: server.port,
    requests: book.requests,
    enqueueFault: book.enqueueFault,
    setKeyFault(apiKey, fault) {
      if (fault === void 0) keyFaults.delete(apiKey);
      else keyFaults.set(apiKey, typeof fault === "function" ? fault : { ...fault });
    },
    reset() {
      book.reset();
      keyFaults.clear();
    },
    close: server.close
  };
}
const AZURE_DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
function matchAzurePath(path) {
  if (path === "/openai/v1/chat/completions") return { deployment: void 0 };
  const match = AZURE_DEPLOYMENT_PATH.exec(path);
  return match ? { deployment: decodeURIComponent(match[1]) } : void 0;
}
function sendAzureError(res, error) {
  sendJsonReply(res, error.status, error.body);
}
function sendError(res, error) {
  sendJsonReply(res, error.status, error.body, error.headers);
}
function answerModels(res, path) {
  if (path === "/v1/models") return sendJsonReply(res, 200, listSimModels());
  const id = decodeURIComponent(path.slice("/v1/models/".length));
  if (!SIM_MODEL_IDS.includes(id)) return sendError(res, buildOpenAIError(404, { model: id }));
  sendJsonReply(res, 200, { id, object: "model", created: 1715367049, owned_by: "system" });
}
export {
  startOpenAISimulator
};
//# sourceMappingURL=start-openai-simulator.js.map
