import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import type { SimFault } from '../shared/sim-fault.js';
import { bedrockErrorFor, sendBedrockError, sendBedrockJson } from './bedrock-error-reply.js';
import type { BedrockRecordedRequest, BedrockSimulator, BedrockSimulatorOptions } from './bedrock-sim-types.js';
import { buildConverseReply, lastUserText } from './build-converse-reply.js';
import { renderConverseEvents, renderConverseResponse } from './render-converse-events.js';
import { validateConverseRequest } from './validate-converse-request.js';
import { verifyAuthorization } from './verify-sigv4.js';
import { writeEventStream } from './write-event-stream.js';

export type { BedrockRecordedRequest, BedrockSimulator, BedrockSimulatorOptions } from './bedrock-sim-types.js';

const MAX_RECORDED = 1000;
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** `/model/{modelId}/converse[-stream]` with the model id as exactly one (encoded) segment. */
const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

/**
 * Starts a Bedrock runtime simulator on loopback: Converse (JSON) and ConverseStream (binary
 * event stream with CRCs), SigV4 or bearer auth checked, Bedrock's validation rules and
 * error shapes, and the shared `[[sim:…]]` faults (see sim/README.md).
 */
export async function startBedrockSimulator(options: BedrockSimulatorOptions = {}): Promise<BedrockSimulator> {
  const requests: BedrockRecordedRequest[] = [];
  const faults: SimFault[] = [];
  const sockets = new Set<Socket>();
  let seq = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendBedrockError(res, bedrockErrorFor(500));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 10_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawPath = req.url ?? '/';
    const raw = await readBody(req);
    const route = ROUTE.exec(rawPath.split('?')[0] ?? '');
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const modelId = route?.[1] ? safeDecode(route[1]) : undefined;
    const auth = await verifyAuthorization({ method, rawPath, headers: req.headers, body: raw, ...options });
    const record: BedrockRecordedRequest = {
      method,
      rawPath,
      operation: route?.[2] as BedrockRecordedRequest['operation'],
      modelId,
      headers: req.headers,
      body,
      auth: auth.ok ? auth.kind : 'none',
    };
    requests.push(record);
    if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);

    if (!auth.ok) return sendBedrockError(res, { status: 403, type: auth.type, message: auth.message });
    if (method !== 'POST' || !route) {
      return sendBedrockError(res, { status: 404, type: 'UnknownOperationException', message: `Unknown operation ${method} ${rawPath}` });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendBedrockError(res, { status: 400, type: 'ValidationException', message: 'Malformed input request, please reformat your input and try again.' });
    }
    const request = body as Record<string, unknown>;
    const directives = parseSimDirectives(lastUserText(request));
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
    if (fault.status !== undefined && fault.status >= 400) {
      const retryAfter: Record<string, string> = fault.retry_after !== undefined ? { 'retry-after': String(fault.retry_after) } : {};
      return sendBedrockError(res, bedrockErrorFor(fault.status), retryAfter);
    }
    if (fault.context) {
      return sendBedrockError(res, { status: 400, type: 'ValidationException', message: 'Input is too long for requested model.' });
    }
    const invalid = validateConverseRequest(request);
    if (invalid) return sendBedrockError(res, { status: 400, type: 'ValidationException', message: invalid });

    const plan = buildConverseReply({ body: request, prompt: directives.text, fault, seq });
    const noUsage = fault.no_usage ?? false;
    if (route[2] === 'converse') {
      const text = JSON.stringify(renderConverseResponse(plan, { noUsage }));
      return sendBedrockJson(res, fault.malformed ? text.slice(0, Math.floor(text.length / 2)) : text);
    }
    await writeEventStream(res, renderConverseEvents(plan, { noUsage }), {
      chunkDelayMs: fault.chunk_delay ?? options.chunkDelayMs ?? 0,
      signal: aborter.signal,
      stallAfter: fault.stall_after,
      cutAfter: fault.cut_after,
      errorAfter: fault.error_after,
      malformed: fault.malformed,
    });
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
    enqueueFault(fault) {
      faults.push({ ...fault });
    },
    reset() {
      requests.length = 0;
      faults.length = 0;
      seq = 0;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

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
