import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens as exactTokens } from 'gpt-tokenizer';
import { TokenCounter, stopTokenizer, tokenizerLoaded } from './token-counter.js';

const prose = 'The quick brown fox jumps over the lazy dog, then rests in the shade. '.repeat(40);

describe('TokenCounter', () => {
  it('counts prose exactly within its budget', () => {
    assert.equal(new TokenCounter(1_000_000).count(prose), exactTokens(prose));
  });

  it('charges text past the exact budget its UTF-8 byte length, an upper bound', () => {
    const text = 'é'.repeat(1000);
    const counter = new TokenCounter(100);
    const tokens = counter.count(text);
    assert.equal(counter.exactCharsLeft, 0);
    assert.equal(tokens, exactTokens(text.slice(0, 100)) + Buffer.byteLength(text.slice(100)));
    assert.ok(tokens >= exactTokens(text));
  });

  it('stays linear on a long run without spaces (the tokenizer alone is quadratic there)', async () => {
    const run = '!#$%&*+-./:;<=>?@^_|~'.repeat(20_000);
    const started = performance.now();
    const tokens = new TokenCounter(run.length).count(run);
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
    assert.ok(tokens > 0 && tokens <= Buffer.byteLength(run));
    assert.equal(await new TokenCounter(run.length).countAsync(run), tokens, 'the cooperative count agrees');
  });

  it('never splits a surrogate pair between windows', () => {
    // 'a' + emoji: character 256 would fall between the halves of the 128th emoji.
    const text = `a${'😀'.repeat(300)}`;
    const whole = (part: string) => exactTokens(part);
    assert.equal(new TokenCounter(10_000).count(text), whole(text.slice(0, 255)) + whole(text.slice(255, 511)) + whole(text.slice(511)));
    assert.notEqual(whole(text.slice(0, 256)) + whole(text.slice(256, 512)) + whole(text.slice(512)), new TokenCounter(10_000).count(text));
  });

  it('a tokenizer thread that is gone is replaced: counts after it are exact, none hangs', async () => {
    assert.equal(new TokenCounter(1_000_000).count(prose), exactTokens(prose));
    const inFlight = new TokenCounter(1_000_000).countAsync(prose.repeat(20));
    await stopTokenizer();
    // An awaited count that was in flight either finished first or fails with a message; it never hangs.
    await inFlight.then(
      (tokens) => assert.equal(tokens, exactTokens(prose.repeat(20))),
      (error: unknown) => assert.match(String(error), /tokenizer thread failed/),
    );
    assert.equal(tokenizerLoaded(), false, 'the stopped thread is forgotten');
    assert.equal(await new TokenCounter(1_000_000).countAsync(prose), exactTokens(prose), 'an awaited count starts a new thread');
    assert.equal(new TokenCounter(1_000_000).count(prose), exactTokens(prose), 'and a synchronous one uses it');
  });
});
