import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SseEvent } from '../core/sse-event.js';
import type { SseSink, StreamEncoder } from '../core/sse-sink.js';
import type { StreamPart } from '../core/canonical/stream-part.js';
import { UpstreamError } from '../core/errors/upstream-error.js';
import { openAIChatAdapter } from '../protocols/openai-chat/openai-chat-adapter.js';
import type { WireAdapter } from '../protocols/wire-adapter.js';
import type { InferenceContext } from './inference-context.js';
import { relayStream } from './relay-stream.js';

/** A sink that records each write: the payloads that went out together. */
function recordingSink(): SseSink & { writes: string[][] } {
  const writes: string[][] = [];
  return {
    writes,
    closed: false,
    send: async (payload) => void writes.push([payload]),
    sendMany: async (payloads) => void writes.push([...payloads]),
    keepAliveFromNow: () => undefined,
    end: () => undefined,
  };
}

const fastEncoder: StreamEncoder = {
  relaysOpenAIFrames: true,
  encodeParts: () => assert.fail('the fast path encodes no parts'),
  encodeUsage: () => '',
  encodeError: () => '',
};

function context(): InferenceContext {
  return {
    generationId: 'gen-1-x',
    served: { model: { model: { id: 'acme/model' } }, endpoint: { provider: { name: 'Acme', id: 'acme' } } },
    request: { model: 'acme/model', messages: [{ role: 'user', content: 'hi' }] },
  } as unknown as InferenceContext;
}

const chunk = (content: string, extra = '') =>
  `{"id":"up-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"${content}"},"finish_reason":null}]${extra}}`;
const event = (data: string): SseEvent => ({ event: undefined, data });

/** The stream outcome as dispatch hands it on: its decoder has decoded the first event. */
function streamOutcome(adapter: WireAdapter, first: SseEvent[], rest: AsyncGenerator<SseEvent[]>) {
  const decoder = adapter.createStreamDecoder({ name: 'Acme', id: 'acme' } as never);
  return { kind: 'stream' as const, adapter, decoder, firstDecoded: decoder.decode(first[0]!), first, rest };
}

async function* reads(...batches: string[][]): AsyncGenerator<SseEvent[]> {
  for (const batch of batches) yield batch.map(event);
}

describe('relayStream', () => {
  it('writes the events of one upstream read in one write', async () => {
    const sink = recordingSink();
    const ctx = context();
    const usage = '{"id":"up-1","model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}';
    await relayStream({
      ctx,
      outcome: streamOutcome(openAIChatAdapter, [event(chunk('a')), event(chunk('b')), event(chunk('c'))], reads([chunk('d'), usage, '[DONE]'])),
      sink,
      encoder: fastEncoder,
    });
    assert.deepEqual(
      sink.writes.map((write) => write.map((payload) => JSON.parse(payload).choices[0].delta.content)),
      [['a', 'b', 'c'], ['d']],
    );
    assert.equal(JSON.parse(sink.writes[0]![0]!).id, 'gen-1-x');
    assert.equal(ctx.tokens.completionTokens, 4);
  });

  it('lets go of the first read once relayed: the outcome stays on the context until the request ends', async () => {
    const outcome = streamOutcome(openAIChatAdapter, [event(chunk('a')), event(chunk('b'))], reads([chunk('c'), '[DONE]']));
    await relayStream({ ctx: context(), outcome, sink: recordingSink(), encoder: fastEncoder });
    assert.deepEqual(outcome.first, []);
  });

  it('still sends what came before an in-band error in the same read, then fails', async () => {
    const sink = recordingSink();
    const ctx = context();
    await assert.rejects(
      relayStream({
        ctx,
        outcome: streamOutcome(openAIChatAdapter, [event(chunk('a'))], reads([chunk('b'), '{"error":{"code":502,"message":"boom"}}', chunk('never')])),
        sink,
        encoder: fastEncoder,
      }),
      (error: unknown) => error instanceof UpstreamError,
    );
    assert.deepEqual(
      sink.writes.map((write) => write.map((payload) => JSON.parse(payload).choices[0].delta.content)),
      [['a'], ['b']],
    );
    assert.ok(ctx.tokens.completionTokens > 0, 'the relayed text is billed');
  });

  it('decodes each upstream event once: the first one was decoded by dispatch', async () => {
    const decoded: string[] = [];
    const adapter: WireAdapter = {
      ...openAIChatAdapter,
      relaysOpenAIFrames: false,
      createStreamDecoder(provider) {
        const inner = openAIChatAdapter.createStreamDecoder(provider);
        return { decode: (event) => (decoded.push(event.data), inner.decode(event)) };
      },
    };
    const textEncoder: StreamEncoder = {
      relaysOpenAIFrames: false,
      encodeParts: (parts: StreamPart[]) => parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])),
      encodeUsage: () => '',
      encodeError: () => '',
    };
    const sink = recordingSink();
    const ctx = context();
    await relayStream({ ctx, outcome: streamOutcome(adapter, [event(chunk('a')), event(chunk('b'))], reads([chunk('c'), '[DONE]'])), sink, encoder: textEncoder });
    assert.deepEqual(decoded, [chunk('a'), chunk('b'), chunk('c'), '[DONE]']);
    assert.deepEqual(sink.writes, [['a', 'b'], ['c']]);
    assert.equal(ctx.upstreamId, 'up-1');
  });
});
