import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

/**
 * #14.4: a slow client must not make the gateway buffer a whole response. The simulator writes
 * a long stream (tens of MB) as fast as it can; a TCP relay between the gateway and the
 * simulator counts the bytes the gateway has taken from its upstream. While the client reads
 * nothing, that count must stop far short of the whole stream (only socket buffers fill); once
 * the client reads again it must go on; once the client leaves, the upstream must be let go.
 */

interface CountingRelay {
  port: number;
  /** Bytes passed from the simulator to the gateway so far. */
  forwarded(): number;
  setTarget(port: number): void;
  close(): Promise<void>;
}

async function startCountingRelay(): Promise<CountingRelay> {
  let targetPort = 0;
  let forwarded = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    // pipe() stops reading the simulator while the gateway's side is full: the relay adds no buffer of its own.
    outbound.on('data', (chunk: Buffer) => {
      forwarded += chunk.length;
    });
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    inbound.once('close', () => outbound.destroy());
    outbound.once('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    forwarded: () => forwarded,
    setTarget(port) {
      targetPort = port;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `read()` stops changing for `quietMs` (or `maxMs` passed), and returns its value. */
async function settledValue(read: () => number, options: { quietMs: number; maxMs: number }): Promise<number> {
  const deadline = Date.now() + options.maxMs;
  let value = read();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(50);
    const next = read();
    if (next !== value) {
      value = next;
      since = Date.now();
    } else if (Date.now() - since >= options.quietMs) break;
  }
  return value;
}

// Each streamed word is one chunk; the prompt is one long word so each chunk carries ~100 bytes of text.
const LONG_WORD = 'x'.repeat(190);
const WORDS = 60_000;
/** What the simulator sends for that request (each chunk ~367 bytes), to compare against. */
const STREAM_BYTES = WORDS * 360;

describe('streaming backpressure (a slow client through the HTTP API)', () => {
  let stack: TestStack;
  let relay: CountingRelay;

  before(async () => {
    relay = await startCountingRelay();
    stack = await startTestStack({
      config: {
        providers: [{ id: 'sim-a', name: 'Sim A', base_url: `http://127.0.0.1:${relay.port}/v1`, api_key: 'sk-sim-a' }],
        models: [{ id: 'sim/echo', name: 'Sim: Echo', context_length: 32000, endpoints: [{ provider: 'sim-a', model: 'echo-1', pricing: ECHO_PRICES }] }],
        // Under load the pauses below can outlast the tests' usual idle bound; the upstream is not idle, the client is.
        default_timeouts: { connect_ms: 2000, first_byte_ms: 10_000, idle_ms: 60_000, total_ms: 200_000 },
      },
    });
    relay.setTarget(stack.sim.port);
  });
  after(async () => {
    await stack?.close();
    await relay?.close();
  });

  it('reads the upstream only as fast as the client reads, goes on when it reads again, and stops when it leaves', async () => {
    const { port } = new URL(stack.baseURL);
    const body = JSON.stringify({ model: 'sim/echo', stream: true, messages: [{ role: 'user', content: `${LONG_WORD} [[sim:words=${WORDS}]]` }] });
    const client = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    let receivedBytes = 0;
    // Set once the client has read again: it leaves as soon as it has that many more bytes.
    let leaveAt = Infinity;
    const left = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('data', (chunk: Buffer) => {
      received.push(chunk);
      receivedBytes += chunk.length;
      if (receivedBytes >= leaveAt) client.destroy();
    });
    client.on('error', () => {});
    client.write(
      [
        'POST /api/v1/chat/completions HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        `Authorization: Bearer ${stack.apiKey}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
    // Read the status line and the first events, then stop reading (a stalled client).
    while (receivedBytes < 4096) await sleep(10);
    client.pause();
    const whilePaused = await settledValue(relay.forwarded, { quietMs: 500, maxMs: 20_000 });
    await sleep(500);
    const later = relay.forwarded();
    // The simulator wrote the whole stream at once; the relay holds the rest back only because the gateway stopped reading.
    assert.ok(
      Math.max(whilePaused, later) < STREAM_BYTES / 2,
      `while the client read nothing the gateway took ${whilePaused}, then ${later}, of ${STREAM_BYTES} upstream bytes`,
    );

    // Reading again: the stream goes on, past what the buffers held; then the client leaves.
    leaveAt = receivedBytes + later;
    client.resume();
    await left;
    assert.ok(receivedBytes >= leaveAt, `the stream went on once the client read again (${receivedBytes} bytes received)`);
    const head = Buffer.concat(received).toString('utf8');
    assert.match(head, /^HTTP\/1\.1 200 /);
    assert.match(head, /data: \{"id":"gen-/);

    // Leaving: the gateway lets go of the upstream request instead of draining the rest of it.
    const atLeave = await settledValue(relay.forwarded, { quietMs: 500, maxMs: 20_000 });
    assert.ok(atLeave < STREAM_BYTES * 0.9, `after the client left the gateway took ${atLeave} of ${STREAM_BYTES} upstream bytes`);
  });
});
