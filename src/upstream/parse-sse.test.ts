import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from './parse-sse.js';
import type { SseEvent } from '../core/sse-event.js';

/** Feeds the pieces in order and collects every event, including those end() flushes. */
function feed(pieces: string[]): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  for (const piece of pieces) events.push(...parser.push(piece));
  events.push(...parser.end());
  return events;
}

/** A small deterministic PRNG so a failing split can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomSplit(text: string, seed: number): string[] {
  const next = random(seed);
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length) {
    const size = 1 + Math.floor(next() * 12);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

const STREAM = [
  ': OPENROUTER PROCESSING',
  '',
  'data: {"id":"a","choices":[{"delta":{"content":"Hel"}}]}',
  '',
  'event: message',
  'data: {"id":"a","choices":[{"delta":{"content":"lo"}}]}',
  '',
  'data:first line',
  'data: second line',
  '',
  ': keep-alive',
  'event: error',
  'data: {"error":{"message":"x"}}',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

const EXPECTED: SseEvent[] = [
  { event: undefined, data: '{"id":"a","choices":[{"delta":{"content":"Hel"}}]}' },
  { event: 'message', data: '{"id":"a","choices":[{"delta":{"content":"lo"}}]}' },
  { event: undefined, data: 'first line\nsecond line' },
  { event: 'error', data: '{"error":{"message":"x"}}' },
  { event: undefined, data: '[DONE]' },
];

describe('SseParser', () => {
  it('parses a whole stream in one push', () => {
    assert.deepEqual(feed([STREAM]), EXPECTED);
  });

  it('gives the same events fed byte by byte', () => {
    assert.deepEqual(feed([...STREAM]), EXPECTED);
  });

  it('gives the same events for random chunk boundaries', () => {
    for (let seed = 1; seed <= 200; seed++) {
      assert.deepEqual(feed(randomSplit(STREAM, seed)), EXPECTED, `seed ${seed}`);
    }
  });

  it('handles CRLF line endings, including a CR and LF in different chunks', () => {
    const crlf = STREAM.replaceAll('\n', '\r\n');
    assert.deepEqual(feed([crlf]), EXPECTED);
    assert.deepEqual(feed([...crlf]), EXPECTED);
    for (let seed = 1; seed <= 50; seed++) assert.deepEqual(feed(randomSplit(crlf, seed)), EXPECTED, `seed ${seed}`);
  });

  it('returns events as soon as their blank line arrives', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: one\n'), []);
    assert.deepEqual(parser.push('\ndata: tw'), [{ event: undefined, data: 'one' }]);
    assert.deepEqual(parser.push('o\n\n'), [{ event: undefined, data: 'two' }]);
    assert.deepEqual(parser.end(), []);
  });

  it('joins multi-line data with \\n and keeps empty data lines', () => {
    assert.deepEqual(feed(['data: a\ndata:\ndata: b\n\n']), [{ event: undefined, data: 'a\n\nb' }]);
  });

  it('strips only one leading space after the colon', () => {
    assert.deepEqual(feed(['data:  two spaces\n\n']), [{ event: undefined, data: ' two spaces' }]);
    assert.deepEqual(feed(['data:no space\n\n']), [{ event: undefined, data: 'no space' }]);
  });

  it('ignores comments, unknown fields and events without data', () => {
    const events = feed([': comment\nid: 7\nretry: 100\nfoo: bar\n\nevent: ping\n\n:another\ndata: x\n\n']);
    assert.deepEqual(events, [{ event: undefined, data: 'x' }]);
  });

  it('does not carry an event name over to the next event', () => {
    assert.deepEqual(feed(['event: a\ndata: 1\n\ndata: 2\n\n']), [
      { event: 'a', data: '1' },
      { event: undefined, data: '2' },
    ]);
  });

  it('flushes a final event without its trailing blank line on end()', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: 1\n\nevent: last\ndata: final'), [{ event: undefined, data: '1' }]);
    assert.deepEqual(parser.end(), [{ event: 'last', data: 'final' }]);
    assert.deepEqual(feed(['data: a\n']), [{ event: undefined, data: 'a' }]);
    assert.deepEqual(feed(['data: a\r\n']), [{ event: undefined, data: 'a' }]);
    assert.deepEqual(feed(['data: a\r']), [{ event: undefined, data: 'a' }]);
  });

  it('end() on an empty or fully consumed stream yields nothing', () => {
    assert.deepEqual(new SseParser().end(), []);
    assert.deepEqual(feed(['data: a\n\n']), [{ event: undefined, data: 'a' }]);
  });

  it('keeps multi-byte text intact (pieces are strings, already decoded)', () => {
    const text = 'data: {"content":"héllo 🌍 世界"}\n\n';
    assert.deepEqual(feed([...text]), [{ event: undefined, data: '{"content":"héllo 🌍 世界"}' }]);
  });
});
