import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, FunctionCallingConfigMode, GoogleGenAI } from '@google/genai';
import { startGeminiSimulator, type GeminiSimulator } from './start-gemini-simulator.js';

const tools = [
  {
    functionDeclarations: [
      { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] } },
      { name: 'get_time', parameters: { type: 'OBJECT', properties: { zone: { type: 'STRING', enum: ['UTC', 'CET'] } } } },
    ],
  },
] as never;

describe('Gemini simulator, checked with the official @google/genai SDK', () => {
  let sim: GeminiSimulator;
  let ai: GoogleGenAI;
  before(async () => {
    sim = await startGeminiSimulator();
    ai = new GoogleGenAI({ apiKey: 'gm-test-key', httpOptions: { baseUrl: sim.url } });
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  it('answers generateContent with text and usage; the key arrives as x-goog-api-key', async () => {
    const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello there simulator', config: { systemInstruction: 'Be brief.' } });
    assert.equal(response.text, 'Echo: Hello there simulator');
    assert.equal(response.candidates?.[0]?.finishReason, 'STOP');
    const usage = response.usageMetadata;
    assert.ok((usage?.promptTokenCount ?? 0) > 0 && (usage?.candidatesTokenCount ?? 0) > 0);
    assert.equal(usage?.totalTokenCount, (usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0));
    const request = sim.requests.at(-1);
    assert.equal(request?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(request?.headers['x-goog-api-key'], 'gm-test-key');
  });

  it('streams word chunks over SSE with cumulative usage and the finish reason last', async () => {
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'one two three four' });
    const texts: string[] = [];
    let finish: string | undefined;
    let lastUsage: number | undefined;
    for await (const chunk of stream) {
      texts.push(chunk.text ?? '');
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
      lastUsage = chunk.usageMetadata?.candidatesTokenCount;
    }
    assert.equal(texts.join(''), 'Echo: one two three four');
    assert.ok(texts.length >= 5, 'one chunk per word');
    assert.equal(finish, 'STOP');
    assert.ok((lastUsage ?? 0) > 0);
    assert.equal(sim.requests.at(-1)?.query, 'alt=sse');
  });

  it('calls functions, in parallel on request, and accepts the results with signatures replayed', async () => {
    const contents = [{ role: 'user', parts: [{ text: 'weather and time please [[sim:tools=parallel]]' }] }];
    const response = await ai.models.generateContent({ model: 'gemini-3-flash-preview', contents, config: { tools } });
    const calls = response.functionCalls ?? [];
    assert.deepEqual(calls.map((call) => [call.name, call.args]), [['get_weather', { city: 'value' }], ['get_time', { zone: 'UTC' }]]);
    const modelContent = response.candidates?.[0]?.content;
    assert.ok(modelContent?.parts?.[0]?.thoughtSignature, 'the first call is signed');
    const followUp = await ai.models.generateContent({
      model: 'gemini-3-flash-preview',
      contents: [
        ...contents,
        modelContent!,
        { role: 'user', parts: calls.map((call) => ({ functionResponse: { name: call.name!, response: { ok: true } } })) },
      ],
      config: { tools },
    });
    assert.match(followUp.text ?? '', /^Echo: weather and time please/);
  });

  it('rejects a replayed function call without its signature, as Gemini 3 does', async () => {
    const contents = [
      { role: 'user', parts: [{ text: 'x' }] },
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 18 } } }] },
    ];
    await assert.rejects(ai.models.generateContent({ model: 'gemini-3-flash-preview', contents, config: { tools } }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.match(error.message, /missing a thought_signature/);
      return true;
    });
  });

  it('follows toolConfig: NONE answers in text, ANY with allowedFunctionNames picks that function', async () => {
    const none = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'no tools',
      config: { tools, toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.NONE } } },
    });
    assert.equal(none.text, 'Echo: no tools');
    const named = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'time',
      config: { tools, toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: ['get_time'] } } },
    });
    assert.deepEqual(named.functionCalls?.map((call) => call.name), ['get_time']);
  });

  it('returns thought summaries and counts thought tokens', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'think first [[sim:reasoning=40]]',
      config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    assert.equal(parts[0]?.thought, true);
    assert.match(parts[0]?.text ?? '', /think/);
    assert.equal(response.text, 'Echo: think first');
    assert.equal(response.usageMetadata?.thoughtsTokenCount, 40);
    const usage = response.usageMetadata!;
    assert.equal(usage.totalTokenCount, usage.promptTokenCount! + usage.candidatesTokenCount! + 40);
  });

  it('reports RESOURCE_EXHAUSTED with RetryInfo, and other statuses in the google.rpc shape', async () => {
    await assert.rejects(ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'busy [[sim:status=429 retry_after=7]]' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 429);
      assert.match(error.message, /RESOURCE_EXHAUSTED/);
      assert.match(error.message, /"retryDelay":"7s"/);
      return true;
    });
    await assert.rejects(ai.models.generateContent({ model: 'gemini-2.5-flash', contents: '[[sim:status=503]]' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 503);
      assert.match(error.message, /UNAVAILABLE/);
      return true;
    });
  });

  it('delivers an in-band stream error that the SDK raises', async () => {
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'a b c d e f [[sim:error_after=2]]' });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.text ?? '');
      })(),
      /INTERNAL|internal error/i,
    );
    assert.equal(seen.length, 2);
  });

  it('rejects unknown fields and non-alternating turns with INVALID_ARGUMENT', async () => {
    const response = await fetch(`${sim.geminiBaseUrl}/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'a' }] }], generationConfig: { logitBias: {} } }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { status: string; message: string } };
    assert.equal(body.error.status, 'INVALID_ARGUMENT');
    assert.match(body.error.message, /Unknown name "logitBias"/);
    const twoUsers = await fetch(`${sim.geminiBaseUrl}/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'a' }] }, { role: 'user', parts: [{ text: 'b' }] }] }),
    });
    assert.equal(twoUsers.status, 400);
  });

  it('requires an API key on Gemini paths and an issued bearer token on Vertex paths', async () => {
    const noKey = await fetch(`${sim.geminiBaseUrl}/models/gemini-2.5-flash:generateContent`, { method: 'POST', body: '{}' });
    assert.equal(noKey.status, 403);
    const vertex = await fetch(`${sim.url}/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-issued' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'a' }] }] }),
    });
    assert.equal(vertex.status, 401);
    assert.equal(((await vertex.json()) as { error: { status: string } }).error.status, 'UNAUTHENTICATED');
  });

  it('embeds with embedContent (one input) and batchEmbedContents (several), deterministic, honouring outputDimensionality', async () => {
    const one = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: 'hello embeddings' });
    assert.equal(one.embeddings?.length, 1);
    assert.equal(one.embeddings?.[0]?.values?.length, 3072);
    const many = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: ['hello embeddings', 'another one'], config: { outputDimensionality: 64 } });
    assert.deepEqual(many.embeddings?.map((embedding) => embedding.values?.length), [64, 64]);
    assert.notDeepEqual(many.embeddings?.[0]?.values, many.embeddings?.[1]?.values);
    const again = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: ['hello embeddings'], config: { outputDimensionality: 64 } });
    assert.deepEqual(again.embeddings?.[0]?.values, many.embeddings?.[0]?.values);
    assert.ok(sim.requests.some((request) => request.path === '/v1beta/models/gemini-embedding-001:batchEmbedContents'));
  });
});

