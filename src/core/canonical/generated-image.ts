/**
 * An image the model produced, in OpenRouter's shape: `message.images[]` in a whole response,
 * `delta.images[]` in a stream chunk. The URL is always a base64 data URL (`data:image/png;base64,…`);
 * the gateway never hosts images.
 * @see https://openrouter.ai/docs/features/multimodal/image-generation
 */
export interface GeneratedImage {
  type: 'image_url';
  image_url: { url: string };
}

/** Builds the OpenRouter image entry from a MIME type and base64 data. */
export function toGeneratedImage(mimeType: string, base64: string): GeneratedImage {
  return { type: 'image_url', image_url: { url: `data:${mimeType};base64,${base64}` } };
}

/** True when the request asked for image output (`modalities` containing "image"). */
export function wantsImageOutput(request: { [field: string]: unknown }): boolean {
  return Array.isArray(request.modalities) && request.modalities.includes('image');
}
