/**
 * A vector as OpenAI's `encoding_format: "base64"`: base64 of its little-endian float32 bytes
 * (what the openai SDK decodes), whatever the machine's byte order.
 */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i] as number, i * 4);
  return bytes.toString('base64');
}

/** The inverse, for upstreams that answer in base64 anyway. */
export function decodeFloat32Base64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const vector = new Array<number>(Math.floor(bytes.length / 4));
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}
