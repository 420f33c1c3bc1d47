import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EchoKeyMode, SimFault } from './sim-fault.js';

/** One request about to be answered under a fault. */
export interface EnterSimFaultOptions {
  req: IncomingMessage;
  res: ServerResponse;
  fault: SimFault;
  /** The simulator's fixed latency, added to the fault's `delay`. */
  latencyMs?: number;
}

/**
 * The transport-level part of a fault, before any status line: wait out the latency and
 * `delay`, then honour `reset`. Returns the request's abort signal (aborted when the client
 * goes away or the simulator closes), or undefined when the request is already over.
 */
export async function enterSimFault(options: EnterSimFaultOptions): Promise<AbortSignal | undefined> {
  const { req, res, fault } = options;
  const aborter = new AbortController();
  res.once('close', () => aborter.abort());
  const delay = (options.latencyMs ?? 0) + (fault.delay ?? 0);
  if (delay > 0) {
    try {
      await sleep(delay, undefined, { signal: aborter.signal });
    } catch {
      return undefined; // client gone or simulator closed
    }
  }
  if (fault.reset) {
    req.socket.destroy();
    return undefined;
  }
  if (fault.echo_key) {
    echoCredentials(req, res, fault.echo_key);
    return undefined;
  }
  return aborter.signal;
}

/** What the request carried that a provider would treat as its credential, as one line. */
function receivedCredentials(req: IncomingMessage): string {
  const seen: string[] = [];
  for (const name of ['authorization', 'x-api-key', 'x-goog-api-key', 'api-key', 'x-amz-security-token']) {
    const value = req.headers[name];
    if (typeof value === 'string') seen.push(`${name}: ${value}`);
  }
  const key = new URL(req.url ?? '/', 'http://sim').searchParams.get('key');
  if (key) seen.push(`key=${key}`);
  return seen.join('; ');
}

function echoCredentials(req: IncomingMessage, res: ServerResponse, mode: EchoKeyMode): void {
  const echoed = receivedCredentials(req);
  switch (mode) {
    case 'html_502':
      res.writeHead(502, { 'content-type': 'text/html' }).end(`<html><body><h1>502 Bad Gateway</h1><p>upstream rejected request with ${echoed}</p></body></html>`);
      return;
    case 'text_401':
      res.writeHead(401, { 'content-type': 'text/plain' }).end(`Unauthorized: invalid credentials (${echoed})`);
      return;
    case 'json_401':
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `Invalid API key: ${echoed}`, type: 'authentication_error' } }));
      return;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"id":"x","debug":{"received":${JSON.stringify(echoed)}},"choices":[{"mess`);
      return;
    case 'stream':
      res.writeHead(200, { 'content-type': 'text/event-stream' }).end(`data: {"broken": ${JSON.stringify(echoed)}\n\ndata: not json ${echoed}\n\n`);
      return;
  }
}
