import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import type { SimFault } from '../shared/sim-fault.js';
import { sendAnthropicError } from './anthropic-sim-error.js';
import type { AnthropicSimulator, AnthropicSimulatorOptions, RecordedRequest } from './anthropic-sim-types.js';
import { countAnthropicPrompt } from './count-anthropic-prompt.js';
import { handleMessages } from './handle-messages.js';
import { readAnthropicPrompt } from './read-anthropic-prompt.js';
import { sendAnthropicJson } from './send-anthropic-json.js';

export type { AnthropicSimulator, AnthropicSimulatorOptions, RecordedRequest } from './anthropic-sim-types.js';

const MAX_RECORDED = 1000;
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const SIM_MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'];

/**
 * Starts an Anthropic Messages simulator on loopback: `POST /v1/messages` (JSON and SSE,
 * thinking with signatures, tool use, prompt caching), `POST /v1/messages/count_tokens` and
 * `GET /v1/models`, with the same `[[sim:…]]` fault directives as the OpenAI simulator
 * rendered in Anthropic's own errors and events. See sim/README.md.
 */
export async function startAnthropicSimulator(options: AnthropicSimulatorOptions = {}): Promise<AnthropicSimulator> {
  const requests: RecordedRequest[] = [];
  const faults: SimFault[] = [];
  const sockets = new Set<Socket>();
  const cache = new Set<string>();
  let seq = 0;

  const server = createServer((req, res) => {
    handleRequest(req, res).catch(() => {
      if (!res.headersSent) sendAnthropicError(res, { status: 500 });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 10_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const query = rawUrl.indexOf('?');
    const path = query === -1 ? rawUrl : rawUrl.slice(0, query);
    const raw = method === 'POST' ? await readBody(req) : '';
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    requests.push({ method, path, headers: req.headers, body });
    if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);

    const apiKey = req.headers['x-api-key'];
    if ((typeof apiKey !== 'string' || apiKey === '') && !/^Bearer\s+\S/i.test(req.headers.authorization ?? '')) {
      return sendAnthropicError(res, { status: 401, message: 'x-api-key header is required' });
    }
    const apiVersion = req.headers['anthropic-version'];
    if (typeof apiVersion !== 'string' || apiVersion === '') return sendAnthropicError(res, { status: 400, message: 'anthropic-version: header is required' });
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
    const queued = faults.shift();
    const fault: SimFault = queued ? { ...directives.fault, ...queued } : directives.fault;
    seq += 1;
    const aborter = new AbortController();
    res.once('close', () => aborter.abort());
    const delay = (options.latencyMs ?? 0) + (fault.delay ?? 0);
    if (delay > 0) {
      try {
        await sleep(delay, undefined, { signal: aborter.signal });
      } catch {
        return;
      }
    }
    if (fault.reset) {
      req.socket.destroy();
      return;
    }
    if (fault.status !== undefined && fault.status >= 400) return sendAnthropicError(res, { status: fault.status, retryAfterSeconds: fault.retry_after });
    if (fault.context) return sendAnthropicError(res, { status: 400, message: 'prompt is too long: 210000 tokens > 200000 maximum' });
    await handleMessages({ res, body: record, prompt: directives.text, fault, seq, apiVersion, chunkDelayMs: options.chunkDelayMs ?? 0, signal: aborter.signal, cache });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const hostPart = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${hostPart}:${port}`,
    port,
    requests,
    enqueueFault(fault: SimFault): void {
      faults.push({ ...fault });
    },
    reset(): void {
      requests.length = 0;
      faults.length = 0;
      cache.clear();
      seq = 0;
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function listModels(): Record<string, unknown> {
  const data = SIM_MODELS.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

/** Reads the whole body as UTF-8; oversize bodies are cut off to protect the test process. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new Error('request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
