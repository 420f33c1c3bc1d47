import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, GoogleGenAI, Modality } from '@google/genai';
import { startGeminiSimulator, type GeminiSimulator } from './start-gemini-simulator.js';

/** Width and height from a PNG's IHDR chunk (after checking the signature). */
function pngSize(base64: string): { width: number; height: number } {
  const bytes = Buffer.from(base64, 'base64');
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('ascii'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Gemini simulator image output, checked with the official @google/genai SDK', () => {
  let sim: GeminiSimulator;
  let ai: GoogleGenAI;
  before(async () => {
    sim = await startGeminiSimulator();
    ai = new GoogleGenAI({ apiKey: 'gm-test-key', httpOptions: { baseUrl: sim.url } });
  });
  beforeEach(() => sim.reset());
  after(() => sim.close());

  it('answers responseModalities TEXT+IMAGE with text and an inlineData PNG sized to the aspect ratio, image tokens per modality', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash-image',
      contents: 'Draw a lighthouse',
      config: { responseModalities: [Modality.TEXT, Modality.IMAGE], imageConfig: { aspectRatio: '16:9' } },
    });
    assert.equal(response.text, 'Echo: Draw a lighthouse');
    const inline = response.candidates?.[0]?.content?.parts?.find((part) => part.inlineData)?.inlineData;
    assert.equal(inline?.mimeType, 'image/png');
    assert.deepEqual(pngSize(inline?.data ?? ''), { width: 128, height: 72 });
    const details = response.usageMetadata?.candidatesTokensDetails ?? [];
    assert.equal(details.find((entry) => entry.modality === 'IMAGE')?.tokenCount, 1290);
    const text = details.find((entry) => entry.modality === 'TEXT')?.tokenCount ?? 0;
    assert.equal(response.usageMetadata?.candidatesTokenCount, 1290 + text);
    const sent = sim.requests.at(-1)?.body as { generationConfig?: Record<string, unknown> };
    assert.deepEqual(sent.generationConfig?.imageConfig, { aspectRatio: '16:9' });
  });

  it('streams the image whole in one chunk after the text; IMAGE alone gives no text', async () => {
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash-image', contents: 'a red fox', config: { responseModalities: [Modality.TEXT, Modality.IMAGE] } });
    const kinds: string[] = [];
    for await (const chunk of stream) {
      for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
        if (part.inlineData) kinds.push('image');
        else if (part.text) kinds.push('text');
      }
    }
    assert.equal(kinds.at(-1), 'image');
    assert.equal(kinds.filter((kind) => kind === 'image').length, 1);
    assert.ok(kinds.includes('text'));

    const only = await ai.models.generateContent({ model: 'gemini-2.5-flash-image', contents: 'a red fox', config: { responseModalities: [Modality.IMAGE] } });
    assert.equal(only.text, undefined);
    assert.deepEqual(pngSize(only.candidates?.[0]?.content?.parts?.[0]?.inlineData?.data ?? ''), { width: 64, height: 64 });
  });

  it('refuses IMAGE for a text model and an unknown aspect ratio with Gemini 400s', async () => {
    await assert.rejects(
      ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'draw', config: { responseModalities: [Modality.TEXT, Modality.IMAGE] } }),
      (error: unknown) => error instanceof ApiError && error.status === 400 && /response modalities/.test(error.message),
    );
    await assert.rejects(
      ai.models.generateContent({ model: 'gemini-2.5-flash-image', contents: 'draw', config: { responseModalities: [Modality.IMAGE], imageConfig: { aspectRatio: '7:5' } } }),
      (error: unknown) => error instanceof ApiError && error.status === 400 && /aspect ratio/.test(error.message),
    );
  });
});
