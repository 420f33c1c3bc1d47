import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ZERO_TOKENS } from '../core/canonical/usage.js';
import { StreamTally } from './stream-tally.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const READ_BYTES = 1 << 20;
const READS = 64;

/** A 1 MB upstream read (unique text, so no two share storage) with one frame in the middle of it. */
function readWithFrame(index: number, frame: string): { read: string; at: number } {
  const padding = `${index}`.padEnd(READ_BYTES / 2, '.');
  return { read: `${padding}${frame}${padding}`, at: padding.length };
}

/** Heap growth while `READS` tallies stay alive, each having kept pieces of its own 1 MB read. */
function heapHeldByTallies(keep: (tally: StreamTally, read: string, at: number) => void): { tallies: StreamTally[]; grownBytes: number } {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const tallies: StreamTally[] = [];
  for (let i = 0; i < READS; i += 1) {
    const tally = new StreamTally();
    const { read, at } = readWithFrame(i, '{"choices":[{"delta":{"role":"assistant","content":"Hi"}}]}');
    keep(tally, read, at);
    tally.endRead(2);
    tallies.push(tally);
  }
  collectGarbage();
  return { tallies, grownBytes: process.memoryUsage().heapUsed - before };
}

const FRAME_LENGTH = '{"choices":[{"delta":{"role":"assistant","content":"Hi"}}]}'.length;

describe('StreamTally', () => {
  it('keeps no upstream read alive through a whole frame it kept (one per read)', () => {
    const { tallies, grownBytes } = heapHeldByTallies((tally, read, at) => tally.retain(read.slice(at, at + FRAME_LENGTH)));
    // Held reads would be 64 MB; what is kept is 64 short strings.
    assert.ok(grownBytes < 8 * READ_BYTES, `heap grew ${grownBytes} bytes`);
    assert.equal(tallies[0]!.streamedText(), 'Hi');
  });

  it('keeps no upstream read alive through content texts it kept', () => {
    const { tallies, grownBytes } = heapHeldByTallies((tally, read, at) => {
      const from = read.indexOf('Hi', at);
      tally.retainText(read.slice(from, from + 2));
    });
    assert.ok(grownBytes < 8 * READ_BYTES, `heap grew ${grownBytes} bytes`);
    assert.equal(tallies[5]!.streamedText(), 'Hi');
  });

  it('keeps nothing once the upstream reported usage', () => {
    const tally = new StreamTally();
    tally.retain('{"choices":[{"delta":{"content":"kept"}}]}');
    tally.retainText('more');
    tally.tokens = { ...ZERO_TOKENS, promptTokens: 1, completionTokens: 2 };
    tally.endRead(1);
    tally.tokens = undefined;
    assert.equal(tally.streamedText(), '');
  });

  it('counts frames and texts of several reads in stream order', () => {
    const tally = new StreamTally();
    tally.retain('{"choices":[{"delta":{"role":"assistant","content":"A"}}]}');
    tally.retainText('B\\n');
    tally.endRead(2);
    tally.retain('{"choices":[{"delta":{"tool_calls":[{"function":{"arguments":"{}"}}]}}]}');
    tally.retain('not json\u0000 either');
    tally.endRead(1);
    tally.retainText('C');
    assert.equal(tally.streamedText(), 'AB\n{}C');
  });
});
