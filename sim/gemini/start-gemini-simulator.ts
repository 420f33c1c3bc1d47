import type { IncomingMessage, ServerResponse } from 'node:http';
import { enterSimFault } from '../shared/enter-sim-fault.js';
import { readSimBody } from '../shared/read-sim-body.js';
import { createSimRequestBook } from '../shared/sim-request-book.js';
import { startSimServer } from '../shared/start-sim-server.js';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import { buildGeminiReply, renderGeminiChunks, renderGeminiResponse } from './build-gemini-reply.js';
import { buildGeminiError, invalidArgument, type GeminiErrorReply } from './gemini-error-body.js';
import { GeminiSimBatchApi } from './gemini-sim-batch-api.js';
import type { GeminiRecordedRequest, GeminiRequestContext, GeminiSimulator, GeminiSimulatorOptions } from './gemini-sim-types.js';
import { handleGeminiEmbeddings } from './handle-gemini-embeddings.js';
import { planGeminiImage } from './plan-gemini-image.js';
import { handleTokenRequest, verifySelfSignedJwt } from './handle-token-request.js';
import { handleVertexPredict } from './handle-vertex-predict.js';
import { readLastUserText } from './read-last-user-text.js';
import { validateGeminiRequest } from './validate-gemini-request.js';
import { writeGeminiStream } from './write-gemini-stream.js';

export type { GeminiSimulator, GeminiSimulatorOptions, GeminiRecordedRequest } from './gemini-sim-types.js';

const GEMINI_PATH = /^\/(v1beta|v1)\/models\/([^/:]+):([A-Za-z]+)$/;
const VERTEX_PATH = /^\/(v1|v1beta1)\/(?:projects\/([^/]+)\/locations\/([^/]+)\/)?publishers\/google\/models\/([^/:]+):([A-Za-z]+)$/;

/**
 * A Google Gemini API + Vertex AI simulator on loopback: `generateContent` and
 * `streamGenerateContent` (SSE with `alt=sse`, else a JSON array) on the Gemini API paths
 * (`x-goog-api-key`) and the Vertex paths (OAuth bearer from its own fake token endpoint, one a
 * test adds to `issuedTokens`, or a service account's self-signed JWT verified with its key),
 * with thought parts, thought signatures, parallel function calls and the same `[[sim:…]]`
 * faults as the OpenAI simulator, and Gemini batch mode (inlined requests, run against its own
 * `generateContent`). See sim/README.md.
 */
export async function startGeminiSimulator(options: GeminiSimulatorOptions = {}): Promise<GeminiSimulator> {
  const book = createSimRequestBook<GeminiRecordedRequest>();
  const issuedTokens: string[] = [];
  const signatures = new Set<string>();
  let tokenUrl = '';
  let origin = '';
  const batchApi = new GeminiSimBatchApi({
    origin: () => origin,
    stepMs: options.batchStepMs ?? 10,
    concurrency: options.batchConcurrency ?? 4,
    send: (res, status, body) => sendRaw(res, status, JSON.stringify(body)),
    sendError,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    const raw = method === 'POST' ? await readSimBody(req) : '';
    const form = path === '/token' ? new URLSearchParams(raw) : undefined;
    let body: unknown = form ? Object.fromEntries(form) : undefined;
    if (!form && raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
    }
    book.record({ method, path, query, headers: req.headers, body });

    if (method === 'POST' && form) {
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
        },
      });
    }
    if (batchApi.matches(method, path)) {
      const apiKey = req.headers['x-goog-api-key'] ?? new URLSearchParams(query).get('key');
      if (typeof apiKey !== 'string' || apiKey === '') return sendError(res, buildGeminiError(403));
      // Batch mode: queued faults apply to the API call itself.
      const fault = book.takeFault({});
      if (!(await enterSimFault({ req, res, fault }))) return;
      if (fault.status !== undefined && fault.status >= 400) return sendError(res, buildGeminiError(fault.status, { retryAfterSeconds: fault.retry_after }));
      return batchApi.handle({ res, method, path, query: new URLSearchParams(query), rawBytes: Buffer.byteLength(raw), body, apiKey });
    }
    const gemini = GEMINI_PATH.exec(path);
    const vertex = gemini ? null : VERTEX_PATH.exec(path);
    const match = gemini ?? vertex;
    if (method !== 'POST' || !match) return sendError(res, buildGeminiError(404, { message: `The requested URL ${path} was not found on this server.` }));
    const model = decodeURIComponent((gemini ? gemini[2] : vertex?.[4]) ?? '');
    const action = gemini ? gemini[3] : vertex?.[5];

    const params = new URLSearchParams(query);
    const apiKey = req.headers['x-goog-api-key'] ?? params.get('key');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (vertex && vertex[2] !== undefined) {
      const selfSigned = bearer && !issuedTokens.includes(bearer) ? verifySelfSignedJwt(bearer, options.serviceAccountPublicKey) : false;
      if (!bearer || !(issuedTokens.includes(bearer) || selfSigned)) return sendError(res, buildGeminiError(401));
    } else if (!apiKey) {
      return sendError(res, buildGeminiError(403));
    }
    if ((action === 'embedContent' || action === 'batchEmbedContents') && gemini && typeof body === 'object' && body !== null) {
      return handleGeminiEmbeddings({
        res,
        body: body as Record<string, unknown>,
        model,
        batch: action === 'batchEmbedContents',
        sendJson: (out, status, reply) => sendRaw(out, status, JSON.stringify(reply)),
        sendError,
      });
    }
    if (action === 'predict' && vertex && typeof body === 'object' && body !== null) {
      return handleVertexPredict({ res, body: body as Record<string, unknown>, model, sendJson: (out, status, reply) => sendRaw(out, status, JSON.stringify(reply)), sendError });
    }
    if (action !== 'generateContent' && action !== 'streamGenerateContent') {
      return sendError(res, buildGeminiError(404, { message: `Method ${action ?? ''} is not supported by this simulator.` }));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendError(res, invalidArgument(`Invalid JSON payload received. Unexpected token.`));
    }
    const record = body as Record<string, unknown>;
    const directives = parseSimDirectives(readLastUserText(record.contents));
    // A batch's own requests never take the faults queued for the test's next call.
    const fault = req.headers['x-sim-batch'] ? directives.fault : book.takeFault(directives.fault);
    const seq = book.nextSeq();
    // Gemini has no fixed latency option: only the fault's own `delay` applies.
    const signal = await enterSimFault({ req, res, fault });
    if (!signal) return;
    if (fault.status !== undefined && fault.status >= 400) return sendError(res, buildGeminiError(fault.status, { retryAfterSeconds: fault.retry_after }));
    if (fault.context) return sendError(res, invalidArgument('The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).'));
    const invalid = validateGeminiRequest(record, { vertex: vertex !== null, signatures });
    if (invalid) return sendError(res, invalid);
    const image = planGeminiImage(model, (record.generationConfig ?? record.generation_config ?? {}) as Record<string, unknown>);
    if (image && 'status' in image) return sendError(res, image);

    const ctx: GeminiRequestContext = {
      res,
      body: record,
      model,
      stream: action === 'streamGenerateContent',
      sse: params.get('alt') === 'sse',
      vertex: vertex !== null,
      prompt: directives.text,
      fault,
      seq,
      chunkDelayMs: fault.chunk_delay ?? options.chunkDelayMs ?? 0,
      signal,
      signatures,
    };
    const plan = buildGeminiReply(ctx, image ?? undefined);
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
    sendCrash: (res) => sendError(res, buildGeminiError(500)),
  });
  const url = server.origin;
  origin = url;
  tokenUrl = `${url}/token`;

  return {
    url,
    geminiBaseUrl: `${url}/v1beta`,
    tokenUrl,
    requests: book.requests,
    issuedTokens,
    enqueueFault: book.enqueueFault,
    get batches() {
      return batchApi.batches;
    },
    reset() {
      book.reset();
      issuedTokens.length = 0;
      signatures.clear();
      batchApi.reset();
    },
    async close() {
      await batchApi.close();
      await server.close();
    },
  };
}

function sendError(res: ServerResponse, reply: GeminiErrorReply): void {
  sendRaw(res, reply.status, JSON.stringify(reply.body));
}

function sendRaw(res: ServerResponse, status: number, text: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(Buffer.byteLength(text)), vary: 'Origin, X-Origin, Referer' });
  res.end(text);
}
