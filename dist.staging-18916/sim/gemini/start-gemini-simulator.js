import { enterSimFault } from "../shared/enter-sim-fault.js";
import { readSimBody } from "../shared/read-sim-body.js";
import { createSimRequestBook } from "../shared/sim-request-book.js";
import { startSimServer } from "../shared/start-sim-server.js";
import { parseSimDirectives } from "../shared/parse-sim-directives.js";
import { buildGeminiReply, renderGeminiChunks, renderGeminiResponse } from "./build-gemini-reply.js";
import { buildGeminiError, invalidArgument } from "./gemini-error-body.js";
import { handleTokenRequest } from "./handle-token-request.js";
import { validateGeminiRequest } from "./validate-gemini-request.js";
import { writeGeminiStream } from "./write-gemini-stream.js";
const GEMINI_PATH = /^\/(v1beta|v1)\/models\/([^/:]+):([A-Za-z]+)$/;
const VERTEX_PATH = /^\/(v1|v1beta1)\/(?:projects\/([^/]+)\/locations\/([^/]+)\/)?publishers\/google\/models\/([^/:]+):([A-Za-z]+)$/;
async function startGeminiSimulator(options = {}) {
  const book = createSimRequestBook();
  const issuedTokens = [];
  const signatures = /* @__PURE__ */ new Set();
  let tokenUrl = "";
  async function handle(req, res) {
    const method = req.method ?? "GET";
    const [path = "/", query = ""] = (req.url ?? "/").split("?", 2);
    const raw = method === "POST" ? await readSimBody(req) : "";
    const form = path === "/token" ? new URLSearchParams(raw) : void 0;
    let body = form ? Object.fromEntries(form) : void 0;
    if (!form && raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = void 0;
      }
    }
    book.record({ method, path, query, headers: req.headers, body });
    if (method === "POST" && form) {
      return handleTokenRequest({
        res,
        form,
        tokenUrl,
        publicKey: options.serviceAccountPublicKey,
        ttlSeconds: options.tokenTtlSeconds ?? 3600,
        issue: () => {
          const token = `ya29.sim-token-${issuedTokens.length + 1}`;
          issuedTokens.push(token);
          return token;
        }
      });
    }
    const gemini = GEMINI_PATH.exec(path);
    const vertex = gemini ? null : VERTEX_PATH.exec(path);
    const match = gemini ?? vertex;
    if (method !== "POST" || !match) return sendError(res, buildGeminiError(404, { message: `The requested URL ${path} was not found on this server.` }));
    const model = decodeURIComponent((gemini ? gemini[2] : vertex?.[4]) ?? "");
    const action = gemini ? gemini[3] : vertex?.[5];
    const params = new URLSearchParams(query);
    const apiKey = req.headers["x-goog-api-key"] ?? params.get("key");
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (vertex && vertex[2] !== void 0) {
      if (!bearer || !issuedTokens.includes(bearer)) return sendError(res, buildGeminiError(401));
    } else if (!apiKey) {
      return sendError(res, buildGeminiError(403));
    }
    if (action !== "generateContent" && action !== "streamGenerateContent") {
      return sendError(res, buildGeminiError(404, { message: `Method ${action ?? ""} is not supported by this simulator.` }));
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return sendError(res, invalidArgument(`Invalid JSON payload received. Unexpected token.`));
    }
    const record = body;
    const directives = parseSimDirectives(readLastUserText(record.contents));
    const fault = book.takeFault(directives.fault);
    const seq = book.nextSeq();
    const signal = await enterSimFault({ req, res, fault });
    if (!signal) return;
    if (fault.status !== void 0 && fault.status >= 400) return sendError(res, buildGeminiError(fault.status, { retryAfterSeconds: fault.retry_after }));
    if (fault.context) return sendError(res, invalidArgument("The input token count (1048577) exceeds the maximum number of tokens allowed (1048576)."));
    const invalid = validateGeminiRequest(record, { vertex: vertex !== null, signatures });
    if (invalid) return sendError(res, invalid);
    const ctx = {
      res,
      body: record,
      model,
      stream: action === "streamGenerateContent",
      sse: params.get("alt") === "sse",
      vertex: vertex !== null,
      prompt: directives.text,
      fault,
      seq,
      chunkDelayMs: fault.chunk_delay ?? options.chunkDelayMs ?? 0,
      signal,
      signatures
    };
    const plan = buildGeminiReply(ctx);
    if (!ctx.stream) {
      const json = JSON.stringify(renderGeminiResponse(plan, { usage: !fault.no_usage }));
      return sendRaw(res, 200, fault.malformed ? json.slice(0, Math.floor(json.length / 2)) : json);
    }
    await writeGeminiStream(res, renderGeminiChunks(plan, { usage: !fault.no_usage }), { sse: ctx.sse, fault, chunkDelayMs: ctx.chunkDelayMs, signal });
  }
  const server = await startSimServer({
    port: options.port,
    host: options.host,
    handle,
    sendCrash: (res) => sendError(res, buildGeminiError(500))
  });
  const url = server.origin;
  tokenUrl = `${url}/token`;
  return {
    url,
    geminiBaseUrl: `${url}/v1beta`,
    tokenUrl,
    requests: book.requests,
    issuedTokens,
    enqueueFault: book.enqueueFault,
    reset() {
      book.reset();
      issuedTokens.length = 0;
      signatures.clear();
    },
    close: server.close
  };
}
function readLastUserText(contents) {
  if (!Array.isArray(contents)) return "";
  for (let index = contents.length - 1; index >= 0; index--) {
    const content = contents[index];
    if (content?.role !== void 0 && content.role !== "user") continue;
    const text = (content?.parts ?? []).map((part) => typeof part?.text === "string" ? part.text : "").filter(Boolean).join("\n");
    if (text) return text;
  }
  return "";
}
function sendError(res, reply) {
  sendRaw(res, reply.status, JSON.stringify(reply.body));
}
function sendRaw(res, status, text) {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", "content-length": String(Buffer.byteLength(text)), vary: "Origin, X-Origin, Referer" });
  res.end(text);
}
export {
  startGeminiSimulator
};
//# sourceMappingURL=start-gemini-simulator.js.map
