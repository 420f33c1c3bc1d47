import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamPart } from '../../../core/canonical/stream-part.js';
import { createInferenceContext, type InferenceExchange } from '../../../pipeline/inference-context.js';
import type { ApiKeyRecord } from '../../../stores/key-store.js';
import { unpackReasoningDetails } from './carry-reasoning-details.js';
import { RESPONSES_SSE_FRAMING, responsesCodec } from './responses-codec.js';
import { ResponsesStreamEncoder } from './responses-stream-encoder.js';

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.25 };

function encoder(): ResponsesStreamEncoder {
  const ctx = createInferenceContext({
    caller: { key: {} as ApiKeyRecord },
    codec: responsesCodec,
    route: 'responses',
    exchange: {} as InferenceExchange, // the encoder never touches the exchange
    request: { model: 'm', messages: [] },
  });
  return new ResponsesStreamEncoder(ctx);
}

/** Frames payloads as the route does and reads back (type, data) pairs, checking `event:` matches `type`. */
function events(payloads: string[]): Array<Record<string, unknown> & { type: string; sequence_number: number }> {
  return payloads.flatMap((payload) => {
    const framed = RESPONSES_SSE_FRAMING.frame(payload);
    if (framed === '') return [];
    return framed.trim().split('\n\n').map((frame) => {
      const [eventLine, dataLine] = frame.split('\n') as [string, string];
      const data = JSON.parse(dataLine.slice('data: '.length)) as Record<string, unknown> & { type: string; sequence_number: number };
      assert.equal(eventLine, `event: ${data.type}`);
      return data;
    });
  });
}

function run(parts: StreamPart[]): ReturnType<typeof events> {
  const encode = encoder();
  return events([...encode.encodeParts(parts), encode.encodeUsage(usage), encode.donePayload]);
}

describe('ResponsesStreamEncoder', () => {
  it('reasoning (with encrypted content), text, then two parallel tool calls: every index announced before use', () => {
    const all = run([
      { type: 'response-start', upstreamId: 'x' },
      { type: 'reasoning-delta', choice: 0, text: 'think', details: [{ type: 'reasoning.encrypted', data: 'opaque==' }] },
      { type: 'text-delta', choice: 0, text: 'Hel' },
      { type: 'text-delta', choice: 0, text: 'lo' },
      { type: 'tool-call-start', choice: 0, index: 0, id: 'call_a', name: 'f' },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'call_b', name: 'g' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{"b":' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{}' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '2}' },
      { type: 'finish', choice: 0, finishReason: 'tool_calls', nativeFinishReason: 'tool_calls' },
    ]);
    assert.deepEqual(all.map((event) => event.sequence_number), all.map((_, index) => index));
    assert.equal(all[0]?.type, 'response.created');
    assert.equal(all[1]?.type, 'response.in_progress');
    const announced = new Set<number>();
    for (const event of all) {
      if (event.type === 'response.output_item.added') announced.add(event.output_index as number);
      else if (typeof event.output_index === 'number') assert.ok(announced.has(event.output_index), `${event.type} refers to an announced item`);
    }
    const last = all.at(-1) as unknown as { type: string; response: { status: string; output: Array<Record<string, unknown>>; output_text: string; usage: Record<string, unknown> } };
    assert.equal(last.type, 'response.completed');
    assert.deepEqual(last.response.output.map((item) => item.type), ['reasoning', 'message', 'function_call', 'function_call']);
    assert.deepEqual(unpackReasoningDetails(String(last.response.output[0]?.encrypted_content)), [{ type: 'reasoning.encrypted', data: 'opaque==' }], 'encrypted reasoning packed for the round trip');
    assert.deepEqual(last.response.output[0]?.summary, [{ type: 'summary_text', text: 'think' }]);
    assert.equal(last.response.output_text, 'Hello');
    assert.deepEqual(last.response.output.slice(2).map((item) => [item.call_id, item.arguments]), [['call_a', '{}'], ['call_b', '{"b":2}']]);
    assert.equal(last.response.usage.cost, 0.25);
    const done = all.filter((event) => event.type === 'response.output_item.done').map((event) => event.output_index);
    assert.deepEqual(done, [0, 1, 2, 3], 'each item is done exactly once, before the terminal event');
  });

  it('a generated image between two text runs: its own image_generation_call item with the whole event sequence, the text resumes in a new message', () => {
    const all = run([
      { type: 'text-delta', choice: 0, text: 'Here:' },
      { type: 'image', choice: 0, image: { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } } },
      { type: 'text-delta', choice: 0, text: 'done' },
      { type: 'finish', choice: 0, finishReason: 'stop', nativeFinishReason: 'STOP' },
    ]);
    const image = all.filter((event) => event.output_index === 1).map((event) => event.type);
    assert.deepEqual(image, [
      'response.output_item.added',
      'response.image_generation_call.in_progress',
      'response.image_generation_call.generating',
      'response.image_generation_call.completed',
      'response.output_item.done',
    ]);
    const added = all.find((event) => event.type === 'response.output_item.added' && event.output_index === 1) as unknown as { item: Record<string, unknown> };
    assert.deepEqual(added.item, { type: 'image_generation_call', id: added.item.id, status: 'in_progress', result: null });
    const last = all.at(-1) as unknown as { type: string; response: { output: Array<Record<string, unknown>>; output_text: string } };
    assert.deepEqual(last.response.output.map((item) => item.type), ['message', 'image_generation_call', 'message']);
    assert.deepEqual(last.response.output[1], { type: 'image_generation_call', id: added.item.id, status: 'completed', result: 'iVBORw0KGgo=', output_format: 'png' });
    assert.equal(last.response.output_text, 'Here:done');
    assert.equal(all.filter((event) => event.type === 'response.output_item.done' && event.output_index === 1).length, 1, 'the image item is done once');
  });

  it('a length finish ends with response.incomplete; no [DONE] on the wire', () => {
    const encode = encoder();
    const payloads = [...encode.encodeParts([{ type: 'text-delta', choice: 0, text: 'cut' }, { type: 'finish', choice: 0, finishReason: 'length', nativeFinishReason: 'length' }]), encode.encodeUsage(usage)];
    assert.equal(RESPONSES_SSE_FRAMING.frame(encode.donePayload), '');
    const last = events(payloads).at(-1) as unknown as { type: string; response: { status: string; incomplete_details: unknown } };
    assert.equal(last.type, 'response.incomplete');
    assert.deepEqual(last.response.incomplete_details, { reason: 'max_output_tokens' });
  });

  it('an error before any output still starts with response.created, then an error event', () => {
    const encode = encoder();
    const all = events([encode.encodeError({ code: 502, message: 'upstream failed' })]);
    assert.deepEqual(all.map((event) => event.type), ['response.created', 'response.in_progress', 'error']);
    assert.equal(all[2]?.message, 'upstream failed');
    assert.ok(RESPONSES_SSE_FRAMING.keepalive.startsWith(':'), 'keep-alive is an SSE comment');
  });
});
