/**
 * Calls the gateway's management API with the session cookie (HttpOnly: this script never sees
 * the key or the cookie). Errors arrive in OpenRouter's envelope and are thrown as ApiError.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Called when any request comes back 401: the session ended. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(response.status, `Unexpected response (${response.status})`);
  }
  if (!response.ok) {
    const message = (json as { error?: { message?: string } }).error?.message ?? `Request failed (${response.status})`;
    if (response.status === 401 && !path.startsWith('/dashboard/session')) onSignedOut();
    throw new ApiError(response.status, message);
  }
  return json as T;
}
