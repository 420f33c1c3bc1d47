import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createChunkStamp, rewriteOpenAIChunk } from './rewrite-openai-chunk.js';

const stamp = createChunkStamp({ generationId: 'gen-123-abc', model: 'openai/gpt-4o-mini', providerName: 'OpenAI' });

const upstreamChunk = {
  id: 'chatcmpl-9xYz',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  system_fingerprint: 'fp_44709d6fcb',
  choices: [{ index: 0, delta: { content: 'He said "model":"x" and \\ left' }, logprobs: null, finish_reason: null }],
};

describe('createChunkStamp', () => {
  it('pre-serialises the id, provider and model pieces', () => {
    assert.equal(stamp.idPrefix, '{"id":"gen-123-abc"');
    assert.equal(stamp.providerField, ',"provider":"OpenAI"');
    assert.equal(stamp.modelField, '"model":"openai/gpt-4o-mini');
  });

  it('escapes values that need it', () => {
    const odd = createChunkStamp({ generationId: 'g"1', model: 'a/b"c', providerName: 'X\\Y' });
    const out = rewriteOpenAIChunk('{"id":"u","model":"m","choices":[]}', odd);
    assert.deepEqual(JSON.parse(out as string), { id: 'g"1', provider: 'X\\Y', model: 'a/b"c', choices: [] });
  });
});

describe('rewriteOpenAIChunk', () => {
  it('restamps id and model, inserts provider, and is otherwise the same JSON', () => {
    const out = rewriteOpenAIChunk(JSON.stringify(upstreamChunk), stamp);
    assert.ok(out !== undefined);
    assert.deepEqual(JSON.parse(out), { ...upstreamChunk, id: 'gen-123-abc', provider: 'OpenAI', model: 'openai/gpt-4o-mini' });
  });

  it('leaves every byte after the model value untouched', () => {
    const data = JSON.stringify(upstreamChunk);
    const out = rewriteOpenAIChunk(data, stamp) as string;
    const tail = data.slice(data.indexOf('"model":"') + '"model":"gpt-4o-mini-2024-07-18'.length);
    assert.ok(out.endsWith(tail));
    assert.equal(
      out,
      '{"id":"gen-123-abc","provider":"OpenAI","object":"chat.completion.chunk","created":1700000000,"model":"openai/gpt-4o-mini' + tail,
    );
  });

  it('does not touch content that merely looks like a model key', () => {
    const out = rewriteOpenAIChunk(JSON.stringify(upstreamChunk), stamp) as string;
    assert.equal(JSON.parse(out).choices[0].delta.content, 'He said "model":"x" and \\ left');
  });

  it('keeps the upstream provider field when there is one', () => {
    const chunk = { id: 'gen-up', provider: 'Groq', model: 'meta-llama/llama-3.3-70b', choices: [] };
    const out = rewriteOpenAIChunk(JSON.stringify(chunk), stamp) as string;
    assert.deepEqual(JSON.parse(out), { id: 'gen-123-abc', provider: 'Groq', model: 'openai/gpt-4o-mini', choices: [] });
    assert.equal(out.match(/"provider":/g)?.length, 1);
  });

  it('works when model comes first after the id (no fields in between)', () => {
    const out = rewriteOpenAIChunk('{"id":"x","model":"m","usage":{"prompt_tokens":3}}', stamp) as string;
    assert.equal(out, '{"id":"gen-123-abc","provider":"OpenAI","model":"openai/gpt-4o-mini","usage":{"prompt_tokens":3}}');
  });

  it('handles a usage-only final chunk with empty choices', () => {
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } };
    const out = rewriteOpenAIChunk(JSON.stringify(chunk), stamp) as string;
    assert.deepEqual(JSON.parse(out), { ...chunk, id: 'gen-123-abc', provider: 'OpenAI', model: 'openai/gpt-4o-mini' });
  });

  it('drops null usage and null fingerprint members wherever they are, and only those', () => {
    const chunk = '{"id":"x","system_fingerprint":null,"object":"chat.completion.chunk","model":"m","usage_note":null,"choices":[{"index":0,"delta":{"content":",\\"usage\\":null"}}],"usage":null}';
    const out = rewriteOpenAIChunk(chunk, stamp) as string;
    assert.deepEqual(JSON.parse(out), {
      id: 'gen-123-abc',
      provider: 'OpenAI',
      object: 'chat.completion.chunk',
      model: 'openai/gpt-4o-mini',
      usage_note: null,
      choices: [{ index: 0, delta: { content: ',"usage":null' } }],
    });
    const middle = rewriteOpenAIChunk('{"id":"x","model":"m","usage":null,"system_fingerprint":null,"choices":[]}', stamp) as string;
    assert.equal(middle, '{"id":"gen-123-abc","provider":"OpenAI","model":"openai/gpt-4o-mini","choices":[]}');
  });

  it('adds the provider unless the chunk has a provider key (not a key that merely ends so, not content)', () => {
    const lookalikes = '{"id":"x","model":"m","upstream_provider":"a","choices":[{"delta":{"content":"\\"provider\\":"}}]}';
    assert.equal(JSON.parse(rewriteOpenAIChunk(lookalikes, stamp) as string).provider, 'OpenAI');
  });

  it('returns undefined for layouts it does not recognise', () => {
    const cases = [
      '{"object":"chat.completion.chunk","id":"x","model":"m"}', // id not first
      '{ "id":"x","model":"m"}', // whitespace before the id
      '{"id": "x","model":"m"}', // whitespace after the colon
      '{"id":"x","choices":[]}', // no model
      '{"id":"x","model":null}', // model not a string
      '{"id":"x', // truncated id
      '{"id":"x","model":"m', // truncated model
      '[DONE]',
      '',
    ];
    for (const data of cases) assert.equal(rewriteOpenAIChunk(data, stamp), undefined, data);
  });

  it('produces valid JSON for chunks with tool calls and reasoning', () => {
    const chunk = {
      id: 'c2',
      object: 'chat.completion.chunk',
      created: 2,
      model: 'deepseek-reasoner',
      choices: [
        {
          index: 0,
          delta: {
            reasoning_content: 'think "hard"',
            tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'f', arguments: '{"model":"y"}' } }],
          },
          finish_reason: null,
        },
      ],
    };
    const out = rewriteOpenAIChunk(JSON.stringify(chunk), stamp) as string;
    assert.deepEqual(JSON.parse(out), { ...chunk, id: 'gen-123-abc', provider: 'OpenAI', model: 'openai/gpt-4o-mini' });
  });

  it('never returns invalid JSON: escaped quotes in the id or model value either parse or fall back', () => {
    const cases = [
      { id: 'chatcmpl-"quoted"', model: 'm', choices: [] },
      { id: 'x', model: 'weird"model', choices: [] },
      { id: 'x\\', model: 'm\\', choices: [] },
    ];
    for (const chunk of cases) {
      const out = rewriteOpenAIChunk(JSON.stringify(chunk), stamp);
      if (out === undefined) continue; // falling back to the parsing path is fine
      let parsed: unknown;
      assert.doesNotThrow(() => (parsed = JSON.parse(out)), `invalid JSON for ${JSON.stringify(chunk)}: ${out}`);
      assert.deepEqual(parsed, { ...chunk, id: 'gen-123-abc', provider: 'OpenAI', model: 'openai/gpt-4o-mini' });
    }
  });
});
