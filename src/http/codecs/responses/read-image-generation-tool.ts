import { InvalidRequestError } from '../../../core/errors/gateway-error.js';

/** The image tool's `size` → OpenRouter's `image_config.aspect_ratio` (what every image upstream takes). */
const SIZES: Record<string, string> = { '1024x1024': '1:1', '1024x1536': '2:3', '1536x1024': '3:2' };
/** Options whose only accepted value is the default the upstream applies anyway. */
const AUTO_ONLY = ['quality', 'background', 'moderation'] as const;

/**
 * Reads OpenAI's hosted `image_generation` tool as OpenRouter's image output: `modalities: ["image", "text"]`
 * and, from `size`, `image_config.aspect_ratio`. `partial_images` is accepted (OpenAI sends "up to" that many
 * previews; the upstreams here make each image in one piece, so there are none). Options no upstream here
 * can honour (`model`, `output_format` other than png, `output_compression`, `input_fidelity`,
 * `input_image_mask`, a non-auto `quality` / `background` / `moderation`) are refused by name.
 * @see https://platform.openai.com/docs/guides/tools-image-generation
 */
export function readImageGenerationTool(tool: Record<string, unknown>): { modalities: string[]; image_config?: { aspect_ratio: string } } {
  for (const [key, value] of Object.entries(tool)) {
    if (key === 'type' || key === 'size' || key === 'partial_images' || value === undefined || value === null) continue;
    if (key === 'output_format' && value === 'png') continue;
    if ((AUTO_ONLY as readonly string[]).includes(key) && value === 'auto') continue;
    throw refuse(key, `The image_generation tool's "${key}" is not supported on /api/v1/responses (images come back as PNG at the model's defaults); supported: size (${Object.keys(SIZES).join(', ')}, auto), partial_images.`);
  }
  const size = tool.size;
  if (size === undefined || size === null || size === 'auto') return { modalities: ['image', 'text'] };
  const ratio = typeof size === 'string' ? SIZES[size] : undefined;
  if (!ratio) throw refuse('size', `The image_generation tool's size ${JSON.stringify(size)} is not supported; supported: ${Object.keys(SIZES).join(', ')}, auto.`);
  return { modalities: ['image', 'text'], image_config: { aspect_ratio: ratio } };
}

function refuse(option: string, message: string): InvalidRequestError {
  return new InvalidRequestError(message, { metadata: { unsupported_field: `tools.image_generation.${option}` } });
}
