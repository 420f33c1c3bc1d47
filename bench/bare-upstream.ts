/**
 * The cheapest OpenAI-compatible upstream: every POST gets the same canned, non-streamed chat
 * completion (with usage, so the gateway prices and bills it). No parsing beyond draining the
 * body, so in bench:workers the gateway, not the upstream, is what runs out of CPU.
 *
 * `node --import tsx bench/bare-upstream.ts --port 0`
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const body = JSON.stringify({
  id: 'chatcmpl-bare',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'echo-1',
  choices: [{ index: 0, message: { role: 'assistant', content: 'A short canned answer of sixteen words, the same for every request, from the bare upstream.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 20, completion_tokens: 16, total_tokens: 36 },
});
const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`bare upstream listening on http://127.0.0.1:${port}/v1\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
