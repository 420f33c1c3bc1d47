import type { ChatRequest } from '../core/canonical/chat-request.js';
import { InvalidRequestError } from '../core/errors/gateway-error.js';
import type { ResolvedModel } from './catalog/resolved-catalog.js';

/**
 * OpenRouter's `modalities` (the outputs a chat request wants) checked against the model's
 * catalog `output_modalities`: asking a text-only model for `image` is a 400 naming the model and
 * the modality, and so is `image_config` for a model that makes no images. Audio output is not
 * served by this gateway at all and is refused by check-capabilities before routing.
 */
export function assertOutputModalities(id: string, resolved: ResolvedModel, request: ChatRequest): void {
  const outputs = resolved.model.architecture?.output_modalities ?? ['text'];
  const wanted = Array.isArray(request.modalities) ? (request.modalities as unknown[]) : [];
  for (const modality of wanted) {
    if (typeof modality === 'string' && !outputs.includes(modality)) {
      throw new InvalidRequestError(`${id} does not support "${modality}" output (its output modalities: ${outputs.join(', ')})`, {
        metadata: { model: id, unsupported_modality: modality, output_modalities: outputs },
      });
    }
  }
  if (request.image_config !== undefined && !outputs.includes('image')) {
    throw new InvalidRequestError(`image_config applies only to image output, and ${id} does not generate images (its output modalities: ${outputs.join(', ')})`, {
      metadata: { model: id, unsupported_field: 'image_config', output_modalities: outputs },
    });
  }
}
