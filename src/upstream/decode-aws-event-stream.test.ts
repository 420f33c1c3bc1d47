import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { UpstreamError } from '../core/errors/upstream-error.js';
import { AwsEventStreamDecoder, EventStreamFramingError } from './decode-aws-event-stream.js';
import type { SseEvent } from '../core/sse-event.js';
import { loadEventStreamCodec, readUpstreamEventStream } from './read-upstream-event-stream.js';
import type { UpstreamResponse } from './upstream-client.js';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

// Test vectors from provider-wire-formats.md §4.5 (verified there with zlib.crc32).
const EMPTY_FRAME = hex('00000010 00000000 05c248eb 7d98c8ff');
const FOO_FRAME = hex(
  '0000003d 00000020 07fd8396 0c636f6e74656e742d74797065 07 0010 6170706c69636174696f6e2f6a736f6e 7b27666f6f273a27626172277d 8d9c08b1',
);

const codec = new EventStreamCodec((b) => new TextDecoder().decode(b), (s) => new TextEncoder().encode(s));
const str = (value: string) => ({ type: 'string' as const, value });

function frame(headers: Record<string, string>, payload: string): Uint8Array {
  return codec.encode({
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, str(value)])),
    body: new TextEncoder().encode(payload),
  });
}

function deltaFrame(text: string): Uint8Array {
  return frame(
    { ':event-type': 'contentBlockDelta', ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify({ contentBlockIndex: 0, delta: { text }, p: 'abcd' }),
  );
}

/** Corrupts one byte in place. */
function flip(bytes: Uint8Array, at: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

function decodeAll(pieces: Uint8Array[]): SseEvent[] {
  const decoder = new AwsEventStreamDecoder();
  const events = pieces.flatMap((piece) => decoder.push(piece));
  decoder.end();
  return events;
}

describe('AwsEventStreamDecoder', () => {
  it('decodes the reference vectors', () => {
    assert.deepEqual(decodeAll([EMPTY_FRAME]), [{ event: undefined, data: '' }]);
    const foo = decodeAll([FOO_FRAME]);
    assert.equal(foo[0]?.data, "{'foo':'bar'}");
  });

  it('matches the documented Bedrock delta frame byte for byte', () => {
    const bytes = deltaFrame('Hi');
    assert.equal(bytes.length, 159);
    assert.equal(Buffer.from(bytes.subarray(0, 12)).toString('hex'), '0000009f00000057c37babff');
    assert.equal(Buffer.from(bytes.subarray(155)).toString('hex'), 'f2ace5ff');
    assert.deepEqual(decodeAll([bytes]), [{ event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"abcd"}' }]);
  });

  it('reassembles frames split at every offset, the prelude included', () => {
    const stream = concat([deltaFrame('one'), deltaFrame('two'), EMPTY_FRAME, deltaFrame('three')]);
    for (let cut = 1; cut < stream.length; cut++) {
      const events = decodeAll([stream.subarray(0, cut), stream.subarray(cut)]);
      assert.equal(events.length, 4, `cut at ${cut}`);
      assert.match(events[3]?.data ?? '', /"three"/);
    }
    // And one byte at a time.
    const single = decodeAll(Array.from(stream, (byte) => Uint8Array.of(byte)));
    assert.deepEqual(single.map((event) => event.event), ['contentBlockDelta', 'contentBlockDelta', undefined, 'contentBlockDelta']);
  });

  it('names exceptions and errors by their type headers', () => {
    const exception = frame(
      { ':message-type': 'exception', ':exception-type': 'throttlingException', ':content-type': 'application/json' },
      '{"message":"Too many tokens"}',
    );
    const error = frame({ ':message-type': 'error', ':error-code': 'InternalFailure', ':error-message': 'boom' }, '');
    assert.deepEqual(decodeAll([exception, error]), [
      { event: 'exception:throttlingException', data: '{"message":"Too many tokens"}' },
      { event: 'error:InternalFailure', data: 'boom' },
    ]);
  });

  it('rejects a bad message CRC, a bad prelude CRC, an absurd length and a cut frame', () => {
    const badMessage = deltaFrame('Hi');
    flip(badMessage, badMessage.length - 1);
    assert.throws(() => decodeAll([badMessage]), EventStreamFramingError);
    const badPrelude = deltaFrame('Hi');
    flip(badPrelude, 8);
    assert.throws(() => decodeAll([badPrelude]), /checksum/);
    assert.throws(() => decodeAll([hex('ffffffff 00000000 00000000')]), /out of range/);
    assert.throws(() => decodeAll([deltaFrame('Hi').subarray(0, 40)]), /ended inside a frame/);
  });
});

function fakeResponse(chunks: Uint8Array[]): UpstreamResponse {
  return {
    status: 200,
    headers: {},
    body: Readable.from(chunks.map((chunk) => Buffer.from(chunk))) as unknown as UpstreamResponse['body'],
    deadline: { aborted: false },
  };
}

const context = {
  request: { providerName: 'Amazon Bedrock', timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 }, signal: new AbortController().signal },
};

describe('readUpstreamEventStream', () => {
  it('yields the messages of a body in order, those completed by one read together', async () => {
    const stream = concat([deltaFrame('a'), deltaFrame('b')]);
    const batches: string[][] = [];
    for await (const events of readUpstreamEventStream(fakeResponse([stream.subarray(0, 7), stream.subarray(7), deltaFrame('c')]), context, await loadEventStreamCodec())) {
      batches.push(events.map((event) => JSON.parse(event.data).delta.text));
    }
    assert.deepEqual(batches, [['a', 'b'], ['c']]);
  });

  it('turns a bad CRC into a retryable invalid-response error after the good frames', async () => {
    const bad = deltaFrame('b');
    flip(bad, 20);
    const events: SseEvent[] = [];
    await assert.rejects(
      (async () => {
        for await (const batch of readUpstreamEventStream(fakeResponse([deltaFrame('a'), bad]), context, await loadEventStreamCodec())) events.push(...batch);
      })(),
      (error: unknown) => error instanceof UpstreamError && error.code === 'upstream_invalid_response' && error.retryable,
    );
    assert.equal(events.length, 1);
  });
});
