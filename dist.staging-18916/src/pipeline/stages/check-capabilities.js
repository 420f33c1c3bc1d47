import { CLIENT_URL_SCHEMES, findRefusedContentUrl } from "../../core/canonical/find-refused-content-url.js";
import { InvalidRequestError } from "../../core/errors/gateway-error.js";
const SUPPORTED_PLUGINS = ["auto-router", "context-compression"];
const SUPPORTED_TRANSFORMS = ["middle-out"];
function checkCapabilities(options = {}) {
  const allowed = options.allowStorageUrls ?? [];
  return {
    name: "check-capabilities",
    run: (ctx) => {
      checkRequest(ctx.request);
      checkContentUrls(ctx.request, allowed);
    }
  };
}
function checkContentUrls(request, allowed) {
  const refusedUrl = findRefusedContentUrl(request, allowed);
  if (!refusedUrl) return;
  const schemes = [...CLIENT_URL_SCHEMES, ...allowed].map((scheme) => `${scheme}:`).join(", ");
  throw new InvalidRequestError(
    `${refusedUrl.field}: "${refusedUrl.scheme}:" URLs are not accepted; use one of ${schemes}` + (allowed.includes(refusedUrl.scheme) ? "" : " (an operator can allow cloud-storage schemes with allow_storage_urls)"),
    { metadata: { unsupported_field: refusedUrl.field } }
  );
}
function checkRequest(request) {
  const { plugins, transforms, route } = request;
  if (plugins !== void 0) {
    if (!Array.isArray(plugins)) throw refused('plugins must be an array of {"id": \u2026} objects', "plugins");
    for (const plugin of plugins) {
      const id = typeof plugin === "object" && plugin !== null ? plugin.id : void 0;
      if (typeof id !== "string") throw refused('every plugin needs an "id"', "plugins");
      if (plugin.enabled === false) continue;
      if (!SUPPORTED_PLUGINS.includes(id)) {
        throw refused(`The "${id}" plugin is not supported by this gateway; supported plugins: ${SUPPORTED_PLUGINS.join(", ")}`, "plugins");
      }
      const engine = plugin.engine;
      if (id === "context-compression" && engine !== void 0 && engine !== "middle-out") {
        throw refused(`context-compression engine "${String(engine)}" is not supported; supported engines: middle-out`, "plugins");
      }
    }
  }
  if (transforms !== void 0) {
    if (!Array.isArray(transforms) || transforms.some((value) => typeof value !== "string")) throw refused("transforms must be an array of strings", "transforms");
    const unsupported = transforms.find((value) => !SUPPORTED_TRANSFORMS.includes(value));
    if (unsupported !== void 0) {
      throw refused(`The "${unsupported}" transform is not supported by this gateway; supported transforms: ${SUPPORTED_TRANSFORMS.join(", ")}`, "transforms");
    }
  }
  if (route !== void 0 && route !== "fallback") {
    throw refused(`route "${String(route)}" is not supported; use provider.sort with partition "none" to order endpoints across models`, "route");
  }
  if (request.preset !== void 0) throw refused("Presets are not supported by this gateway; send the settings in the request", "preset");
  if (request.debug !== void 0 && request.debug !== null && request.debug !== false) {
    throw refused("debug (echoing the upstream request) is not supported by this gateway", "debug");
  }
  if (request.stop_server_tools_when !== void 0) {
    throw refused("stop_server_tools_when is not supported: this gateway runs no server-side tools", "stop_server_tools_when");
  }
  if (request.model?.endsWith(":thinking") && request.reasoning === void 0) request.reasoning = { enabled: true };
}
function refused(message, field) {
  return new InvalidRequestError(message, { metadata: { unsupported_field: field } });
}
export {
  checkCapabilities
};
//# sourceMappingURL=check-capabilities.js.map
