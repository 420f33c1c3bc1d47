import type { CloudCredentialStatus, Provider } from '../core/provider-types.js';

/** What /readyz and the dashboard show of a cloud provider's credentials: where they come from and whether they work, never a secret. */
export interface ProviderCredentialView {
  /** e.g. "AWS default credential chain", "API key", "Microsoft Entra ID (managed identity)". */
  source: string;
  /** The link of a chain that answered last (e.g. "EC2 instance metadata (IMDSv2)"), when known. */
  resolved_via: string | null;
  /** `static`: a key or keys given in config or the environment, nothing to refresh. */
  state: 'static' | CloudCredentialStatus['state'];
  expires_at: string | null;
  last_refresh: { at: string; ok: boolean } | null;
  last_error: string | null;
}

/**
 * The credential view of a cloud provider (Bedrock, Vertex AI, Azure OpenAI); undefined for
 * every other provider, whose only credential is its API key.
 */
export function describeProviderCredential(provider: Provider): ProviderCredentialView | undefined {
  switch (provider.protocol) {
    case 'bedrock': {
      const aws = provider.aws;
      if (aws?.credentialSource) return fromStatus(aws.credentialSource.status());
      if (aws?.credentials) return staticView(aws.credentials.sessionToken ? 'static temporary keys (session token, not refreshed)' : 'static access keys');
      return provider.apiKey ? staticView('Bedrock API key') : undefined;
    }
    case 'vertex': {
      const credential = provider.vertex?.credential;
      if (credential) return fromStatus(credential.status());
      return provider.apiKey ? staticView('API key (Vertex express mode)') : undefined;
    }
    case 'azure-openai': {
      if (provider.apiKey) return staticView('API key');
      const credential = provider.azure?.credential;
      return credential ? fromStatus(credential.status()) : undefined;
    }
    default:
      return undefined;
  }
}

function fromStatus(status: CloudCredentialStatus): ProviderCredentialView {
  return {
    source: status.source,
    resolved_via: status.resolvedVia,
    state: status.state,
    expires_at: status.expiresAt,
    last_refresh: status.lastRefresh,
    last_error: status.lastError,
  };
}

function staticView(source: string): ProviderCredentialView {
  return { source, resolved_via: null, state: 'static', expires_at: null, last_refresh: null, last_error: null };
}
