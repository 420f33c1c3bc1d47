import { GatewayError } from "../core/errors/gateway-error.js";
import { BUILTIN_PROVIDER_PRESETS } from "../config/builtin-provider-presets.js";
function explainUnservedModel(id, providers, anyProviderEnabled) {
  const ways = providers.slice(0, 6).map((providerId) => {
    const preset = BUILTIN_PROVIDER_PRESETS.find((candidate) => candidate.id === providerId);
    const env = preset?.keyEnv[0];
    return env ? `${providerId} (set ${env}${preset.requiresBaseUrl && preset.baseUrlEnv ? ` and ${preset.baseUrlEnv}` : ""})` : providerId;
  });
  const lead = anyProviderEnabled ? `No configured provider serves ${id}.` : `No provider is configured, so nothing can serve ${id}.`;
  return new GatewayError("no_endpoints", {
    message: `${lead} It is served by: ${ways.join(", ")}. Set a provider key or add a provider to the config file (README, "Providers"); \`npm run demo\` runs an offline demo against built-in simulators.`,
    metadata: { availability: { code: "no_provider_configured", requested_models: [id], providers } }
  });
}
export {
  explainUnservedModel
};
//# sourceMappingURL=explain-unserved-model.js.map
