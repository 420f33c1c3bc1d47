/**
 * The floor of the benchmark: the least a Node reverse proxy can do — take the request, forward
 * method, path, headers and body to the upstream over a keep-alive pool, and pipe the answer back
 * (streams included). No parsing, no auth, no accounting. What Switchyard adds is measured
 * against this, so the figures show the gateway's own cost, not Node's.
 *
 * The request body is read whole before it is forwarded (an inference request is a few KB of
 * JSON), as the gateway reads it too. Handing undici the IncomingMessage as a stream instead made
 * the collector promote 2.8 KB per request against 0.1 KB and cost 65 µs of CPU per request against
 * 53 (82 against 67 per stream; bench/trace-gateway-gc.ts --target floor): a slower floor flatters
 * the ratios.
 *
 * `node --import tsx bench/bare-proxy.ts --upstream http://127.0.0.1:PORT --port 0`
 */
import { createServer, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({ options: { upstream: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!values.upstream) throw new Error('--upstream URL is required');
const upstream = new URL(values.upstream);
const pool = new Pool(upstream.origin, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const server = createServer((req, res) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => forward(req.method ?? 'GET', req.url ?? '/', headers, Buffer.concat(chunks), res));
});

function forward(method: string, path: string, headers: Record<string, string>, payload: Buffer, res: ServerResponse): void {
  pool
    .request({ method: method as 'POST', path, headers, body: payload.length > 0 ? payload : null })
    .then(({ statusCode, headers: upstreamHeaders, body }) => {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(upstreamHeaders)) {
        if (typeof value === 'string' && !HOP_BY_HOP.has(name)) out[name] = value;
      }
      res.writeHead(statusCode, out);
      body.pipe(res);
    })
    .catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
}
server.keepAliveTimeout = 30_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`bare proxy listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
