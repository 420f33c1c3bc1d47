import { renderSimPng, simImageSize } from '../shared/render-sim-png.js';
import { invalidArgument, type GeminiErrorReply } from './gemini-error-body.js';

/** Gemini bills a 1024×1024 generated image at 1290 output tokens (gemini-2.5-flash-image). */
export const SIM_IMAGE_TOKENS = 1290;
const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const IMAGE_SIZES = ['1K', '2K', '4K'];

/** The image part of a reply, when the request asked for images. */
export interface GeminiImagePlan {
  /** Base64 PNG. */
  data: string;
  /** The request's responseModalities had no TEXT: the reply is the image alone. */
  imageOnly: boolean;
}

/**
 * What Gemini does with `responseModalities` and `imageConfig`: a model without image output
 * (its name has no "image") asked for IMAGE is a 400, as are an unknown aspect ratio or size;
 * an image model asked for IMAGE answers one PNG (sized to the aspect ratio) after its text.
 * @see https://ai.google.dev/gemini-api/docs/image-generation
 */
export function planGeminiImage(model: string, generation: Record<string, unknown>): GeminiImagePlan | GeminiErrorReply | null {
  const modalities = (generation.responseModalities ?? generation.response_modalities) as unknown;
  const imageConfig = (generation.imageConfig ?? generation.image_config ?? {}) as { aspectRatio?: unknown; imageSize?: unknown };
  const wantsImage = Array.isArray(modalities) && modalities.includes('IMAGE');
  if (Array.isArray(modalities) && modalities.some((modality) => modality !== 'TEXT' && modality !== 'IMAGE')) {
    return invalidArgument(`* GenerateContentRequest.generation_config.response_modalities: unsupported modality ${String(modalities.find((m) => m !== 'TEXT' && m !== 'IMAGE'))}`);
  }
  if (!model.includes('image')) {
    if (wantsImage) return invalidArgument('Model does not support the requested response modalities: image');
    if (generation.imageConfig !== undefined || generation.image_config !== undefined) return invalidArgument('Image config is not supported for this model.');
    return null;
  }
  if (imageConfig.aspectRatio !== undefined && !ASPECT_RATIOS.includes(String(imageConfig.aspectRatio))) {
    return invalidArgument(`Unsupported aspect ratio: ${String(imageConfig.aspectRatio)}. Supported: ${ASPECT_RATIOS.join(', ')}`);
  }
  if (imageConfig.imageSize !== undefined && !IMAGE_SIZES.includes(String(imageConfig.imageSize))) {
    return invalidArgument(`Unsupported image size: ${String(imageConfig.imageSize)}. Supported: ${IMAGE_SIZES.join(', ')}`);
  }
  if (!wantsImage) return null;
  const aspect = typeof imageConfig.aspectRatio === 'string' ? imageConfig.aspectRatio : undefined;
  return { data: renderSimPng(simImageSize(aspect)), imageOnly: !modalities.includes('TEXT') };
}
