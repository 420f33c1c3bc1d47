import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type { Provider } from '../../core/provider-types.js';
import { fromGeminiResponse } from './from-gemini-response.js';
import { geminiAdapter } from './gemini-adapter.js';
import { toGeminiRequest } from './to-gemini-request.js';

const provider = { id: 'google', name: 'Google AI Studio' } as Provider;
const ask = (extra: Partial<ChatRequest>) => toGeminiRequest({ request: { messages: [{ role: 'user', content: 'draw' }], ...extra }, upstreamModel: 'gemini-2.5-flash-image' });
const usage = { promptTokenCount: 5, candidatesTokenCount: 1297, totalTokenCount: 1302, candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: 7 }, { modality: 'IMAGE', tokenCount: 1290 }] };

describe('Gemini image output', () => {
  it('maps modalities and image_config to responseModalities and imageConfig, and sends neither unasked', () => {
    const body = ask({ modalities: ['image', 'text'], image_config: { aspect_ratio: '4:3', image_size: '2K' } });
    assert.deepEqual(body.generationConfig?.responseModalities, ['TEXT', 'IMAGE']);
    assert.deepEqual(body.generationConfig?.imageConfig, { aspectRatio: '4:3', imageSize: '2K' });
    assert.deepEqual(ask({ modalities: ['image'] }).generationConfig?.responseModalities, ['IMAGE']);
    assert.equal(ask({}).generationConfig, undefined);
  });

  it('refuses an image_config key Gemini has no place for, naming it', () => {
    assert.throws(() => ask({ modalities: ['image'], image_config: { quality: 'high' } }), (error: unknown) => error instanceof InvalidRequestError && /image_config\.quality/.test(error.message));
  });

  it('reads inlineData parts as data-URL images (skipping thought drafts) and IMAGE tokens from candidatesTokensDetails', () => {
    const result = fromGeminiResponse(
      JSON.stringify({
        candidates: [{ content: { role: 'model', parts: [{ text: 'Here it is' }, { inlineData: { mimeType: 'image/png', data: 'DRAFT' }, thought: true }, { inlineData: { mimeType: 'image/png', data: 'QUJD' } }] }, finishReason: 'STOP' }],
        usageMetadata: usage,
      }),
      provider.name,
    );
    const message = result.choices[0]?.message;
    assert.equal(message?.content, 'Here it is');
    assert.deepEqual(message?.images, [{ type: 'image_url', image_url: { url: 'data:image/png;base64,QUJD' } }]);
    assert.equal(result.tokens?.completionTokens, 1297);
    assert.equal(result.tokens?.completionImageTokens, 1290);
  });

  it('streams an inlineData part as one image part', () => {
    const decoder = geminiAdapter.createStreamDecoder(provider);
    const chunk = { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/jpeg', data: 'WFla' } }] }, finishReason: 'STOP', index: 0 }], usageMetadata: usage };
    const { parts } = decoder.decode({ event: undefined, data: JSON.stringify(chunk) } as never);
    assert.deepEqual(parts.find((part) => part.type === 'image'), { type: 'image', choice: 0, image: { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,WFla' } } });
    const tokens = parts.find((part) => part.type === 'usage');
    assert.equal(tokens?.type === 'usage' ? tokens.tokens.completionImageTokens : undefined, 1290);
  });
});
