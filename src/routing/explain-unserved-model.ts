import { GatewayError } from '../core/errors/gateway-error.js';
import { BUILTIN_PROVIDER_PRESETS } from '../config/builtin-provider-presets.js';

/**
 * The answer for a model the catalog knows but no configured provider serves — typically a first
 * run with no provider key set: a 404 that names the providers that could serve it and how to turn
 * one on, rather than calling a real model id invalid.
 */
export function explainUnservedModel(id: string, providers: string[], anyProviderEnabled: boolean): GatewayError {
  const ways = providers.slice(0, 6).map((providerId) => {
    const preset = BUILTIN_PROVIDER_PRESETS.find((candidate) => candidate.id === providerId);
    const env = preset?.keyEnv[0];
    return env ? `${providerId} (set ${env}${preset.requiresBaseUrl && preset.baseUrlEnv ? ` and ${preset.baseUrlEnv}` : ''})` : providerId;
  });
  const lead = anyProviderEnabled
    ? `No configured provider serves ${id}.`
    : `No provider is configured, so nothing can serve ${id}.`;
  return new GatewayError('no_endpoints', {
    message: `${lead} It is served by: ${ways.join(', ')}. Set a provider key or add a provider to the config file (README, "Providers"); \`npm run demo\` runs an offline demo against built-in simulators.`,
    metadata: { availability: { code: 'no_provider_configured', requested_models: [id], providers } },
  });
}
