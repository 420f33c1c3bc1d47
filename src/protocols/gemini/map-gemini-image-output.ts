import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type { GeminiGenerationConfig } from './gemini-api.js';

/** OpenRouter's `image_config` keys and their Gemini `imageConfig` names. */
const IMAGE_CONFIG_KEYS: Record<string, 'aspectRatio' | 'imageSize'> = { aspect_ratio: 'aspectRatio', image_size: 'imageSize' };

/**
 * OpenRouter's `modalities` → `responseModalities` (`["image","text"]` → `["TEXT","IMAGE"]`) and
 * `image_config` (`aspect_ratio`, `image_size`) → `imageConfig`. Values are passed as sent: Gemini
 * answers an unsupported ratio or size with its own 400. A key Gemini has no place for is refused
 * by name rather than dropped.
 * @see https://ai.google.dev/gemini-api/docs/image-generation
 */
export function mapGeminiImageOutput(request: ChatRequest): Pick<GeminiGenerationConfig, 'responseModalities' | 'imageConfig'> {
  const config: Pick<GeminiGenerationConfig, 'responseModalities' | 'imageConfig'> = {};
  if (Array.isArray(request.modalities)) {
    const modalities: Array<'TEXT' | 'IMAGE'> = [];
    if (request.modalities.includes('text')) modalities.push('TEXT');
    if (request.modalities.includes('image')) modalities.push('IMAGE');
    if (modalities.length > 0) config.responseModalities = modalities;
  }
  const imageConfig = request.image_config;
  if (imageConfig && typeof imageConfig === 'object') {
    const mapped: NonNullable<GeminiGenerationConfig['imageConfig']> = {};
    for (const [key, value] of Object.entries(imageConfig as Record<string, unknown>)) {
      const name = IMAGE_CONFIG_KEYS[key];
      if (!name) {
        throw new InvalidRequestError(`image_config.${key} is not supported by Gemini image models; supported keys: ${Object.keys(IMAGE_CONFIG_KEYS).join(', ')}`, {
          metadata: { unsupported_field: `image_config.${key}` },
        });
      }
      if (typeof value !== 'string') throw new InvalidRequestError(`image_config.${key} must be a string`, { metadata: { unsupported_field: `image_config.${key}` } });
      mapped[name] = value;
    }
    if (Object.keys(mapped).length > 0) config.imageConfig = mapped;
  }
  return config;
}
