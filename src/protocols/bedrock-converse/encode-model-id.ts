/**
 * A model id (base id, inference profile, or ARN with `:` and `/`) as one URL path segment,
 * encoded the way the AWS SDK does (RFC 3986: `encodeURIComponent` plus `!'()*`).
 */
export function encodeModelId(modelId: string): string {
  return encodeURIComponent(modelId).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
