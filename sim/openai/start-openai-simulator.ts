import type { IncomingMessage, ServerResponse } from 'node:http';
import { enterSimFault } from '../shared/enter-sim-fault.js';
import { readSimBodyBytes } from '../shared/read-sim-body.js';
import { createSimRequestBook } from '../shared/sim-request-book.js';
import { startSimServer } from '../shared/start-sim-server.js';
import { handleChatCompletions } from './handle-chat-completions.js';
import { handleEmbeddings, readEmbeddingInputs } from './handle-embeddings.js';
import { handleLegacyCompletions, readLegacyPrompts } from './handle-legacy-completions.js';
import { handleResponsesImage, readResponsesPrompt } from './handle-responses-image.js';
import { listSimModels, SIM_MODEL_IDS } from './list-sim-models.js';
import { OpenAISimBatchApi } from './openai-sim-batch-api.js';
import { buildContextLengthError, buildOpenAIError, makeOpenAIError, type OpenAIErrorReply } from './openai-error-body.js';
import type {
  OpenAISimulator,
  OpenAISimulatorOptions,
  RecordedRequest,
  SimFault,
  SimRequestContext,
} from './openai-sim-types.js';
import { azureAccessError, azureBearerError, azureContentFilterError, type AzureErrorReply } from './render-azure-chat.js';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import { findLastUserText } from './read-message-text.js';
import { sendJsonReply } from './send-json-reply.js';

export type { OpenAISimulator, OpenAISimulatorOptions, RecordedRequest, SimFault } from './openai-sim-types.js';

/** A POST route: where its directives live, and who answers it. */
interface SimRoute {
  readPrompt(body: Record<string, unknown>): string;
  handle(ctx: SimRequestContext): Promise<void> | void;
}

const POST_ROUTES: Record<string, SimRoute> = {
  '/v1/chat/completions': { readPrompt: (body) => findLastUserText(body.messages), handle: handleChatCompletions },
  '/v1/completions': { readPrompt: (body) => readLegacyPrompts(body).join('\n'), handle: handleLegacyCompletions },
  '/v1/embeddings': { readPrompt: (body) => readEmbeddingInputs(body).join('\n'), handle: handleEmbeddings },
  '/v1/responses': { readPrompt: readResponsesPrompt, handle: handleResponsesImage },
};

const INVALID_JSON = makeOpenAIError(
  400,
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  'invalid_request_error',
);

/**
 * Start an OpenAI-protocol simulator on loopback: chat completions (JSON and
 * SSE, tool calls, reasoning), legacy completions, embeddings and models,
 * with faults driven by `[[sim:…]]` directives in the prompt or by
 * `enqueueFault()`. See sim/README.md for the directive list.
 */
export async function startOpenAISimulator(options: OpenAISimulatorOptions = {}): Promise<OpenAISimulator> {
  const book = createSimRequestBook<RecordedRequest>();
  const keyFaults = new Map<string, SimFault | ((request: { path: string; body: Record<string, unknown> }) => SimFault | undefined)>();
  let origin = '';
  const batchApi = new OpenAISimBatchApi({ origin: () => origin, stepMs: options.batchStepMs ?? 10, concurrency: options.batchConcurrency ?? 4 });
  const azureAccessTokens: string[] = [];

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const query = rawUrl.indexOf('?');
    const path = query === -1 ? rawUrl : rawUrl.slice(0, query);
    const bytes = method === 'POST' ? await readSimBodyBytes(req) : undefined;
    const raw = bytes ? bytes.toString('utf8') : '';
    let body: unknown;
    let parsed = raw === '';
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
        parsed = true;
      } catch {
        body = undefined;
      }
    }
    book.record({ method, path, query: query === -1 ? '' : rawUrl.slice(query + 1), headers: req.headers, body });

    const azure = method === 'POST' ? matchAzurePath(path) : undefined;
    if (azure) {
      // Azure authenticates with `api-key`, or a Microsoft Entra ID bearer token it knows; deployment URLs also need `api-version`.
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!req.headers['api-key'] && bearer === undefined) return sendAzureError(res, azureAccessError(401));
      if (!req.headers['api-key'] && !azureAccessTokens.includes(bearer as string)) return sendAzureError(res, azureBearerError());
      const version = new URLSearchParams(query === -1 ? '' : rawUrl.slice(query + 1)).get('api-version');
      if (azure.deployment !== undefined && !version) return sendAzureError(res, azureAccessError(404));
    } else if (!/^Bearer\s+\S/i.test(req.headers.authorization ?? '')) return sendError(res, buildOpenAIError(401));
    if (!azure && batchApi.matches(path)) {
      // Files and Batches: queued and per-key faults apply to the API call itself.
      const keyed = keyFaults.size > 0 ? keyFaultFor(req.headers.authorization, { path, body: {} }) : undefined;
      const fault = book.takeFault({}, keyed);
      if (!(await enterSimFault({ req, res, fault, latencyMs: options.latencyMs }))) return;
      if (fault.status !== undefined && fault.status >= 400) return sendError(res, buildOpenAIError(fault.status, { retryAfterSeconds: fault.retry_after }));
      return batchApi.handle({
        res,
        method,
        path,
        query: new URLSearchParams(query === -1 ? '' : rawUrl.slice(query + 1)),
        raw: bytes ?? Buffer.alloc(0),
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization ?? '',
      });
    }
    const route = method === 'POST' ? POST_ROUTES[azure ? azure.route : path] : undefined;
    const isModels = method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'));
    if (!route && !isModels) {
      return sendError(res, makeOpenAIError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error'));
    }
    const record = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    if (route && (!parsed || record !== body)) return sendError(res, INVALID_JSON);
    // On deployment URLs the deployment picks the model; the body's `model` is ignored.
    if (azure?.deployment !== undefined) record.model = azure.deployment;

    const directives = route ? parseSimDirectives(route.readPrompt(record)) : { fault: {}, text: '' };
    const keyed = keyFaults.size > 0 ? keyFaultFor(azure ? String(req.headers['api-key']) : req.headers.authorization, { path, body: record }) : undefined;
    // A batch's own lines (sent by the batch runner) never take the faults queued for the test's next call.
    const fault = req.headers['x-sim-batch'] ? { ...directives.fault, ...keyed } : book.takeFault(directives.fault, keyed);
    const seq = book.nextSeq();
    const signal = await enterSimFault({ req, res, fault, latencyMs: options.latencyMs });
    if (!signal) return;
    const model = typeof record.model === 'string' ? record.model : undefined;
    if (fault.status !== undefined && fault.status >= 400) {
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
      azure: azure !== undefined,
    });
  }

  function keyFaultFor(authorization: string | undefined, request: { path: string; body: Record<string, unknown> }): SimFault | undefined {
    const entry = keyFaults.get((authorization ?? '').replace(/^Bearer\s+/i, ''));
    return typeof entry === 'function' ? entry(request) : entry;
  }

  const server = await startSimServer({
    port: options.port,
    host: options.host,
    handle: handleRequest,
    sendCrash: (res) => sendError(res, buildOpenAIError(500)),
  });
  origin = server.origin;

  return {
    url: `${server.origin}/v1`,
    azureEndpoint: server.origin,
    azureAccessTokens,
    port: server.port,
    requests: book.requests,
    enqueueFault: book.enqueueFault,
    setKeyFault(apiKey, fault): void {
      if (fault === undefined) keyFaults.delete(apiKey);
      else keyFaults.set(apiKey, typeof fault === 'function' ? fault : { ...fault });
    },
    batches: batchApi.batches,
    reset(): void {
      book.reset();
      keyFaults.clear();
      batchApi.reset();
    },
    async close(): Promise<void> {
      await batchApi.close();
      await server.close();
    },
  };
}

const AZURE_DEPLOYMENT_PATH = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/;

/** Azure OpenAI's chat and embeddings paths: per deployment, or the v1 API (deployment in the body's `model`). */
function matchAzurePath(path: string): { deployment: string | undefined; route: string } | undefined {
  if (path === '/openai/v1/chat/completions') return { deployment: undefined, route: '/v1/chat/completions' };
  if (path === '/openai/v1/embeddings') return { deployment: undefined, route: '/v1/embeddings' };
  const match = AZURE_DEPLOYMENT_PATH.exec(path);
  return match ? { deployment: decodeURIComponent(match[1] as string), route: `/v1/${match[2] as string}` } : undefined;
}

function sendAzureError(res: ServerResponse, error: AzureErrorReply): void {
  sendJsonReply(res, error.status, error.body);
}

function sendError(res: ServerResponse, error: OpenAIErrorReply): void {
  sendJsonReply(res, error.status, error.body, error.headers);
}

function answerModels(res: ServerResponse, path: string): void {
  if (path === '/v1/models') return sendJsonReply(res, 200, listSimModels());
  const id = decodeURIComponent(path.slice('/v1/models/'.length));
  if (!SIM_MODEL_IDS.includes(id)) return sendError(res, buildOpenAIError(404, { model: id }));
  sendJsonReply(res, 200, { id, object: 'model', created: 1715367049, owned_by: 'system' });
}
