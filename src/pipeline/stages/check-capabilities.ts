import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { CLIENT_URL_SCHEMES, findRefusedContentUrl } from '../../core/canonical/find-refused-content-url.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type { InferenceStage } from '../inference-stage.js';

/** Plugins the gateway implements (`auto-router` picks the model; `context-compression` is middle-out). */
const SUPPORTED_PLUGINS = ['auto-router', 'context-compression'];
const SUPPORTED_TRANSFORMS = ['middle-out'];

/**
 * Refuses, by name, the OpenRouter request fields this gateway does not implement, so nothing a
 * client asked for is silently dropped: unknown `plugins` (web search, file parsing, response
 * healing…), `transforms` other than middle-out, `route: "sort"`, `preset`, `debug` and
 * `stop_server_tools_when`, and audio output in `modalities`. Turns the `:thinking` suffix into `reasoning.enabled` when the request
 * set no reasoning itself. Refuses media URLs whose scheme is not https:, http: or data: (or one the
 * operator allowed in `allow_storage_urls`) before anything reaches an upstream.
 */
export function checkCapabilities(options: { allowStorageUrls?: readonly string[] } = {}): InferenceStage {
  const allowed = options.allowStorageUrls ?? [];
  return {
    name: 'check-capabilities',
    run: (ctx) => {
      checkRequest(ctx.request);
      checkContentUrls(ctx.request, allowed);
    },
  };
}

function checkContentUrls(request: ChatRequest, allowed: readonly string[]): void {
  const refusedUrl = findRefusedContentUrl(request, allowed);
  if (!refusedUrl) return;
  const schemes = [...CLIENT_URL_SCHEMES, ...allowed].map((scheme) => `${scheme}:`).join(', ');
  throw new InvalidRequestError(
    `${refusedUrl.field}: "${refusedUrl.scheme}:" URLs are not accepted; use one of ${schemes}` +
      (allowed.includes(refusedUrl.scheme) ? '' : ' (an operator can allow cloud-storage schemes with allow_storage_urls)'),
    { metadata: { unsupported_field: refusedUrl.field } },
  );
}

function checkRequest(request: ChatRequest): void {
  const { plugins, transforms, route } = request;
  if (plugins !== undefined) {
    if (!Array.isArray(plugins)) throw refused('plugins must be an array of {"id": …} objects', 'plugins');
    for (const plugin of plugins as unknown[]) {
      const id = typeof plugin === 'object' && plugin !== null ? (plugin as { id?: unknown }).id : undefined;
      if (typeof id !== 'string') throw refused('every plugin needs an "id"', 'plugins');
      if ((plugin as { enabled?: unknown }).enabled === false) continue;
      if (!SUPPORTED_PLUGINS.includes(id)) {
        throw refused(`The "${id}" plugin is not supported by this gateway; supported plugins: ${SUPPORTED_PLUGINS.join(', ')}`, 'plugins');
      }
      const engine = (plugin as { engine?: unknown }).engine;
      if (id === 'context-compression' && engine !== undefined && engine !== 'middle-out') {
        throw refused(`context-compression engine "${String(engine)}" is not supported; supported engines: middle-out`, 'plugins');
      }
    }
  }
  if (transforms !== undefined) {
    if (!Array.isArray(transforms) || transforms.some((value) => typeof value !== 'string')) throw refused('transforms must be an array of strings', 'transforms');
    const unsupported = (transforms as string[]).find((value) => !SUPPORTED_TRANSFORMS.includes(value));
    if (unsupported !== undefined) {
      throw refused(`The "${unsupported}" transform is not supported by this gateway; supported transforms: ${SUPPORTED_TRANSFORMS.join(', ')}`, 'transforms');
    }
  }
  if (route !== undefined && route !== 'fallback') {
    throw refused(`route "${String(route)}" is not supported; use provider.sort with partition "none" to order endpoints across models`, 'route');
  }
  if (request.preset !== undefined) throw refused('Presets are not supported by this gateway; send the settings in the request', 'preset');
  if (request.debug !== undefined && request.debug !== null && request.debug !== false) {
    throw refused('debug (echoing the upstream request) is not supported by this gateway', 'debug');
  }
  if (request.stop_server_tools_when !== undefined) {
    throw refused('stop_server_tools_when is not supported: this gateway runs no server-side tools', 'stop_server_tools_when');
  }
  if (Array.isArray(request.modalities) && request.modalities.includes('audio')) {
    throw refused('Audio output (modalities: "audio") is not supported by this gateway; supported output modalities: text, image', 'modalities');
  }
  if (request.model?.endsWith(':thinking') && request.reasoning === undefined) request.reasoning = { enabled: true };
}

function refused(message: string, field: string): InvalidRequestError {
  return new InvalidRequestError(message, { metadata: { unsupported_field: field } });
}
