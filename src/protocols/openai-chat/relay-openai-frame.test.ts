import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StreamTally } from '../../pipeline/stream-tally.js';
import type { Provider } from '../../core/provider-types.js';
import { readOpenAIFramesText, relayOpenAIFrame, type OpenAIFrameRelay } from './relay-openai-frame.js';
import { createChunkStamp, rewriteOpenAIChunk } from './rewrite-openai-chunk.js';

const stamp = createChunkStamp({ generationId: 'gen-1-x', model: 'openai/gpt-4o', providerName: 'OpenAI' });
const envelope = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","service_tier":"default","system_fingerprint":"fp_1"';
const frame = (delta: unknown, tail = ',"logprobs":null,"finish_reason":null}],"usage":null}') =>
  `${envelope},"choices":[{"index":0,"delta":${JSON.stringify(delta)}${tail}`;

const contents = ['He said "model":"x"', 'a\\b\nc\t', 'é ☃ \u0001', 'finish_reason":"stop', 'a long piece of content, longer than thirteen characters', ''];
const frames = [
  frame({ role: 'assistant', content: '', refusal: null }),
  ...contents.map((content) => frame({ content })),
  frame({ content: 'no usage member' }, ',"logprobs":null,"finish_reason":null}]}'),
  frame({ content: 'no logprobs' }, ',"finish_reason":null}],"usage":null}'),
  frame({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
  ...Array.from({ length: 70 }, (_, i) => frame({ content: `w${i} ` })),
  frame({ content: 'then other members' }, ',"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"x"}'),
];

function relay(): { relay: OpenAIFrameRelay; tally: StreamTally } {
  const tally = new StreamTally();
  return { relay: { stamp, tally, provider: { name: 'OpenAI', id: 'openai' } as Provider }, tally };
}

describe('relayOpenAIFrame', () => {
  it('forwards content chunks exactly as rewriteOpenAIChunk restamps them, once it knows the envelope', () => {
    const { relay: context } = relay();
    for (const data of frames) assert.equal(relayOpenAIFrame(data, context), rewriteOpenAIChunk(data, stamp), data);
    assert.equal(context.envelope?.upstream, `${envelope},"choices":[{"index":0,"delta":{"content":"`);
  });

  it('keeps the same text for the fallback count as the whole frames would give, in order', () => {
    const { relay: context, tally } = relay();
    for (const data of frames) relayOpenAIFrame(data, context);
    assert.equal(tally.streamedText(), readOpenAIFramesText(frames));
  });

  it('still parses a chunk with a finish reason in the known envelope', () => {
    const { relay: context, tally } = relay();
    relayOpenAIFrame(frame({ content: 'a' }), context);
    const out = relayOpenAIFrame(frame({}, ',"logprobs":null,"finish_reason":"stop"}],"usage":null}'), context);
    assert.equal(tally.finishReason, 'stop');
    assert.equal(JSON.parse(out as string).choices[0].native_finish_reason, 'stop');
  });

  it('restamps a plain finish chunk in the known envelope as the parse path would, and tallies it', () => {
    for (const [tail, native, mapped] of [
      [',"logprobs":null,"finish_reason":"stop"}],"usage":null}', 'stop', 'stop'],
      [',"logprobs":null,"finish_reason":"end_turn"}]}', 'end_turn', 'stop'],
      [',"finish_reason":"length"}],"usage":null}', 'length', 'length'],
      [',"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}', 'tool_calls', 'tool_calls'],
    ] as const) {
      const data = frame({}, tail);
      const { relay: known, tally } = relay();
      relayOpenAIFrame(frame({ content: 'a' }), known);
      const out = relayOpenAIFrame(data, known) as string;
      const logprobs = tail.includes('logprobs') ? '"logprobs":null,' : '';
      assert.equal(
        out,
        `{"id":"gen-1-x","provider":"OpenAI","object":"chat.completion.chunk","created":1,"model":"openai/gpt-4o","service_tier":"default","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{},${logprobs}"finish_reason":"${mapped}","native_finish_reason":"${native}"}]}`,
      );
      // The parse path (no envelope known yet) gives the same JSON.
      const { relay: unknown, tally: parsedTally } = relay();
      assert.deepEqual(JSON.parse(out), JSON.parse(relayOpenAIFrame(data, unknown) as string));
      assert.deepEqual(
        [tally.upstreamId, tally.finishReason, tally.nativeFinishReason],
        [parsedTally.upstreamId, parsedTally.finishReason, parsedTally.nativeFinishReason],
      );
      assert.deepEqual([tally.upstreamId, tally.finishReason, tally.nativeFinishReason], ['chatcmpl-1', mapped, native]);
    }
  });

  it('parses a finish chunk with anything more than a plain reason, in the known envelope too', () => {
    const { relay: context, tally } = relay();
    relayOpenAIFrame(frame({ content: 'a' }), context);
    const out = relayOpenAIFrame(frame({}, ',"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":2,"completion_tokens":3,"total_tokens":5}}'), context);
    assert.equal(tally.tokens?.completionTokens, 3);
    assert.equal(JSON.parse(out as string).usage, undefined);
    const odd = relayOpenAIFrame(frame({}, ',"logprobs":null,"finish_reason":"Stop"}],"usage":null}'), context);
    assert.equal(JSON.parse(odd as string).choices[0].native_finish_reason, 'Stop');
  });

  it('learns no envelope that holds a usage member', () => {
    const { relay: context } = relay();
    const data = '{"id":"c","usage":null,"model":"m","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}';
    assert.equal(relayOpenAIFrame(data, context), rewriteOpenAIChunk(data, stamp));
    assert.equal(context.envelope, null);
  });
});
