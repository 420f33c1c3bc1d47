import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** A Bedrock error: status, exception name and message. */
export interface BedrockErrorReply {
  status: number;
  type: string;
  message: string;
}

const BY_STATUS: Record<number, Omit<BedrockErrorReply, 'status'>> = {
  400: { type: 'ValidationException', message: 'The provided request is not valid' },
  403: { type: 'AccessDeniedException', message: "You don't have access to the model with the specified model ID." },
  404: { type: 'ResourceNotFoundException', message: 'The provided model identifier is invalid.' },
  408: { type: 'ModelTimeoutException', message: 'Model has timed out in processing the request. Try your request again.' },
  424: { type: 'ModelErrorException', message: 'The model encountered an error processing the request.' },
  429: { type: 'ThrottlingException', message: 'Too many requests, please wait before trying again.' },
  500: { type: 'InternalServerException', message: 'The server encountered an internal error.' },
  503: { type: 'ServiceUnavailableException', message: 'Bedrock is unable to process your request.' },
};

/** Bedrock's error for an HTTP status (unknown statuses get InternalServerException's wording). */
export function bedrockErrorFor(status: number): BedrockErrorReply {
  const known = BY_STATUS[status] ?? { type: 'InternalServerException', message: 'The server encountered an internal error.' };
  return { status, ...known };
}

/**
 * Sends an error the way Bedrock's REST-JSON protocol does: the exception name in
 * `x-amzn-ErrorType` (with the coral namespace suffix), `{"message":…}` as the body.
 * @see https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization
 */
export function sendBedrockError(res: ServerResponse, error: BedrockErrorReply, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const text = JSON.stringify({ message: error.message });
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    'x-amzn-errortype': `${error.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    ...extraHeaders,
  });
  res.end(text);
}

/** Sends a JSON body with Bedrock's headers. */
export function sendBedrockJson(res: ServerResponse, text: string): void {
  if (res.destroyed) return;
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}
