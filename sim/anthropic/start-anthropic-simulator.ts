import type { IncomingMessage, ServerResponse } from 'node:http';
import { enterSimFault } from '../shared/enter-sim-fault.js';
import { readSimBody } from '../shared/read-sim-body.js';
import { createSimRequestBook } from '../shared/sim-request-book.js';
import { startSimServer } from '../shared/start-sim-server.js';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import { sendAnthropicError } from './anthropic-sim-error.js';
import { AnthropicSimBatchApi } from './anthropic-sim-batch-api.js';
import type { AnthropicSimulator, AnthropicSimulatorOptions, RecordedRequest } from './anthropic-sim-types.js';
import { countAnthropicPrompt } from './count-anthropic-prompt.js';
import { handleMessages } from './handle-messages.js';
import { readAnthropicPrompt } from './read-anthropic-prompt.js';
import { sendAnthropicJson } from './send-anthropic-json.js';

export type { AnthropicSimulator, AnthropicSimulatorOptions, RecordedRequest } from './anthropic-sim-types.js';

const SIM_MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'];

/**
 * Starts an Anthropic Messages simulator on loopback: `POST /v1/messages` (JSON and SSE,
 * thinking with signatures, tool use, prompt caching), `POST /v1/messages/count_tokens` and
 * `GET /v1/models`, with the same `[[sim:…]]` fault directives as the OpenAI simulator
 * rendered in Anthropic's own errors and events. See sim/README.md.
 */
export async function startAnthropicSimulator(options: AnthropicSimulatorOptions = {}): Promise<AnthropicSimulator> {
  const book = createSimRequestBook<RecordedRequest>();
  const cache = new Set<string>();
  let origin = '';
  const batchApi = new AnthropicSimBatchApi({ origin: () => origin, stepMs: options.batchStepMs ?? 10, concurrency: options.batchConcurrency ?? 4 });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const query = rawUrl.indexOf('?');
    const path = query === -1 ? rawUrl : rawUrl.slice(0, query);
    const raw = method === 'POST' ? await readSimBody(req) : '';
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    book.record({ method, path, headers: req.headers, body });

    const apiKey = req.headers['x-api-key'];
    if ((typeof apiKey !== 'string' || apiKey === '') && !/^Bearer\s+\S/i.test(req.headers.authorization ?? '')) {
      return sendAnthropicError(res, { status: 401, message: 'x-api-key header is required' });
    }
    const apiVersion = req.headers['anthropic-version'];
    if (typeof apiVersion !== 'string' || apiVersion === '') return sendAnthropicError(res, { status: 400, message: 'anthropic-version: header is required' });
    if (batchApi.matches(path)) {
      // Message Batches: queued faults apply to the API call itself.
      const fault = book.takeFault({});
      if (!(await enterSimFault({ req, res, fault, latencyMs: options.latencyMs }))) return;
      if (fault.status !== undefined && fault.status >= 400) return sendAnthropicError(res, { status: fault.status, retryAfterSeconds: fault.retry_after });
      const headers: Record<string, string> = { 'anthropic-version': apiVersion };
      if (typeof apiKey === 'string' && apiKey !== '') headers['x-api-key'] = apiKey;
      else headers.authorization = req.headers.authorization ?? '';
      return batchApi.handle({ res, method, path, query: new URLSearchParams(query === -1 ? '' : rawUrl.slice(query + 1)), body, headers });
    }
    const isMessages = method === 'POST' && path === '/v1/messages';
    const isCount = method === 'POST' && path === '/v1/messages/count_tokens';
    if (method === 'GET' && path === '/v1/models') return sendAnthropicJson(res, 200, listModels());
    if (!isMessages && !isCount) return sendAnthropicError(res, { status: 404, message: `${method} ${path} not found` });
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendAnthropicError(res, { status: 400, message: 'There was an issue with the request body: the JSON could not be parsed.' });
    }
    const record = body as Record<string, unknown>;
    if (isCount) return sendAnthropicJson(res, 200, { input_tokens: countAnthropicPrompt(record, new Set()).total });

    const directives = parseSimDirectives(readAnthropicPrompt(record.messages).text);
    // A batch's own requests never take the faults queued for the test's next call.
    const fault = req.headers['x-sim-batch'] ? directives.fault : book.takeFault(directives.fault);
    const seq = book.nextSeq();
    const signal = await enterSimFault({ req, res, fault, latencyMs: options.latencyMs });
    if (!signal) return;
    if (fault.status !== undefined && fault.status >= 400) return sendAnthropicError(res, { status: fault.status, retryAfterSeconds: fault.retry_after });
    if (fault.context) return sendAnthropicError(res, { status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' });
    await handleMessages({ res, body: record, prompt: directives.text, fault, seq, apiVersion, chunkDelayMs: options.chunkDelayMs ?? 0, signal, cache });
  }

  const server = await startSimServer({
    port: options.port,
    host: options.host,
    handle: handleRequest,
    sendCrash: (res) => sendAnthropicError(res, { status: 500 }),
  });
  origin = server.origin;
  return {
    url: server.origin,
    port: server.port,
    requests: book.requests,
    enqueueFault: book.enqueueFault,
    get batches() {
      return batchApi.batches;
    },
    reset(): void {
      book.reset();
      cache.clear();
      batchApi.reset();
    },
    async close(): Promise<void> {
      await batchApi.close();
      await server.close();
    },
  };
}

function listModels(): Record<string, unknown> {
  const data = SIM_MODELS.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
