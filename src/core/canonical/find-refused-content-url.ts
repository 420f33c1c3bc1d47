import type { ChatRequest } from './chat-request.js';

/** URL schemes every client may send in image, file, audio and video parts. */
export const CLIENT_URL_SCHEMES = ['https', 'http', 'data'] as const;

/** Fields of a content part's payload that may carry a URL (`image_url.url`, `file.file_data`, …). */
const URL_FIELDS = ['url', 'file_data', 'file_url', 'data', 'uri'];

/** `s3`, `gs`, `file`… of a value that starts with a URL scheme; undefined for plain base64 or text. */
const SCHEME = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/;

export interface RefusedContentUrl {
  /** Where in the canonical request, e.g. `messages[0].content[1].image_url.url`. */
  field: string;
  /** Lower-case, without the colon. */
  scheme: string;
}

/**
 * The first media URL in the request's messages whose scheme a client may not use: anything but
 * https:, http: and data: (plus what the operator allowed, e.g. `s3`, `gs`). Such URLs would make
 * the gateway's own credentials (Bedrock `s3Location`, Gemini `fileUri`) or its file system read
 * what the operator never meant to share. Linear in the number of content parts.
 */
export function findRefusedContentUrl(request: ChatRequest, allowedExtra: readonly string[] = []): RefusedContentUrl | undefined {
  const { messages } = request;
  if (!Array.isArray(messages)) return undefined;
  for (let m = 0; m < messages.length; m++) {
    const content = (messages[m] as { content?: unknown } | null)?.content;
    // Text-only messages (the common case) cost one check and allocate nothing.
    if (!Array.isArray(content)) continue;
    for (let p = 0; p < content.length; p++) {
      const part = content[p] as Record<string, unknown> | null;
      if (typeof part !== 'object' || part === null || typeof part.type !== 'string') continue;
      const payload = part[part.type];
      if (typeof payload === 'string') {
        if (part.type.endsWith('_url') && isRefused(payload, allowedExtra)) return refusal(`messages[${m}].content[${p}].${part.type}`, payload);
      } else if (typeof payload === 'object' && payload !== null) {
        for (const name of URL_FIELDS) {
          const value = (payload as Record<string, unknown>)[name];
          if (typeof value === 'string' && isRefused(value, allowedExtra)) return refusal(`messages[${m}].content[${p}].${part.type}.${name}`, value);
        }
      }
    }
  }
  return undefined;
}

function schemeOf(value: string): string | undefined {
  return SCHEME.exec(value.slice(0, 64))?.[1]?.toLowerCase();
}

function isRefused(value: string, allowedExtra: readonly string[]): boolean {
  const scheme = schemeOf(value);
  if (scheme === undefined || (CLIENT_URL_SCHEMES as readonly string[]).includes(scheme)) return false;
  return !allowedExtra.some((allowed) => allowed.toLowerCase() === scheme);
}

function refusal(field: string, value: string): RefusedContentUrl {
  return { field, scheme: schemeOf(value) as string };
}
