/** A base64 image data URL inside JSON text (the base64 alphabet never contains `"` or `\`). */
const IMAGE_DATA_URL = /data:(image\/[A-Za-z0-9.+-]+);base64,([A-Za-z0-9+/=]{64,})/g;

/**
 * Replaces the payload of every base64 image data URL in a logged text with a size note
 * (`data:image/png;base64,[image omitted: 1843204 base64 chars]`): the opt-in content log keeps
 * the text of prompts and answers, not multi-megabyte generated or uploaded images. Short data
 * URLs (under 64 characters of base64) are left as they are.
 */
export function omitImageData(text: string): string {
  if (!text.includes(';base64,')) return text;
  return text.replace(IMAGE_DATA_URL, (_match, mime: string, data: string) => `data:${mime};base64,[image omitted: ${data.length} base64 chars]`);
}
