import type { AccessToken, TokenCredential } from '@azure/identity';
import { describeCredentialError } from './describe-credential-error.js';
import { RefreshAheadCredential } from './refresh-ahead-credential.js';

/** The audience Azure OpenAI (Azure AI Services) accepts Entra ID tokens for. */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** Which @azure/identity credential to use (config `azure.credential.type`). */
export type AzureCredentialType = 'default' | 'managed_identity' | 'workload_identity' | 'client_secret';

export interface AzureCredentialOptions {
  type: AzureCredentialType;
  /** A user-assigned managed identity, or the app registration of workload identity / a client secret. */
  clientId?: string;
  tenantId?: string;
  clientSecret?: string;
  /** Workload identity: the federated token file (default AZURE_FEDERATED_TOKEN_FILE). */
  tokenFilePath?: string;
  /** Sovereign clouds: e.g. https://login.microsoftonline.us (default AZURE_AUTHORITY_HOST, else the public cloud). */
  authorityHost?: string;
}

/** The credential that answered, by its @azure/identity class name. */
const RESOLVED_VIA: Record<string, string> = {
  EnvironmentCredential: 'environment variables (AZURE_CLIENT_ID with a secret or certificate)',
  ClientSecretCredential: 'client secret',
  ClientCertificateCredential: 'client certificate',
  WorkloadIdentityCredential: 'workload identity (federated token file)',
  ManagedIdentityCredential: 'managed identity',
  AzureCliCredential: 'Azure CLI (az login)',
  AzureDeveloperCliCredential: 'Azure Developer CLI (azd auth login)',
  AzurePowerShellCredential: 'Azure PowerShell (Connect-AzAccount)',
  VisualStudioCodeCredential: 'Visual Studio Code sign-in',
};

const LABELS: Record<AzureCredentialType, string> = {
  default: 'DefaultAzureCredential',
  managed_identity: 'managed identity',
  workload_identity: 'workload identity',
  client_secret: 'client secret',
};

/** The source as /readyz and errors name it: the credential type and the identity's client id, never a secret. */
export function describeAzureCredential(options: AzureCredentialOptions): string {
  return `Microsoft Entra ID (${LABELS[options.type]}${options.clientId ? `, client id ${options.clientId}` : ''})`;
}

/**
 * Microsoft Entra ID access tokens for Azure OpenAI through @azure/identity:
 * `DefaultAzureCredential` (environment, workload identity, managed identity, Azure CLI, Azure
 * Developer CLI, Azure PowerShell) or one named credential. The library is loaded on first use,
 * so a gateway with no such provider never pays for it. Cached and refreshed ahead of expiry
 * without blocking requests.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/how-to/managed-identity
 */
export function createAzureCredentialSource(options: AzureCredentialOptions): RefreshAheadCredential<string> {
  let credential: Promise<TokenCredential> | undefined;
  const load = async (): Promise<TokenCredential> => {
    const identity = await import('@azure/identity');
    const { clientId, tenantId, authorityHost } = options;
    const common = authorityHost ? { authorityHost } : {};
    switch (options.type) {
      case 'managed_identity':
        return clientId ? new identity.ManagedIdentityCredential({ clientId }) : new identity.ManagedIdentityCredential();
      case 'workload_identity':
        return new identity.WorkloadIdentityCredential({ ...common, ...(clientId ? { clientId } : {}), ...(tenantId ? { tenantId } : {}), ...(options.tokenFilePath ? { tokenFilePath: options.tokenFilePath } : {}) });
      case 'client_secret':
        return new identity.ClientSecretCredential(tenantId ?? '', clientId ?? '', options.clientSecret ?? '', common);
      default:
        return new identity.DefaultAzureCredential({
          ...common,
          ...(tenantId ? { tenantId } : {}),
          ...(clientId ? { managedIdentityClientId: clientId, workloadIdentityClientId: clientId } : {}),
        });
    }
  };
  return new RefreshAheadCredential<string>({
    source: describeAzureCredential(options),
    describeError: describeCredentialError,
    secretsOf: (token) => [token],
    // A token Azure refused: start from a new credential, whose cache is empty.
    onInvalidate: () => {
      credential = undefined;
    },
    fetch: async () => {
      credential ??= load();
      const { token, via } = await getToken(await credential);
      return { value: token.token, expiresAt: token.expiresOnTimestamp, ...(via ? { resolvedVia: via } : {}) };
    },
  });
}

type ChainInternals = { getTokenInternal?: (scopes: string) => Promise<{ token: AccessToken; successfulCredential: TokenCredential }> };

/**
 * A token, and which credential gave it. A chain (DefaultAzureCredential) knows which of its
 * links answered only through its internal method; without that, the link stays unnamed.
 */
async function getToken(credential: TokenCredential): Promise<{ token: AccessToken; via: string | undefined }> {
  const internal = (credential as unknown as ChainInternals).getTokenInternal;
  if (typeof internal === 'function') {
    const { token, successfulCredential } = await internal.call(credential, COGNITIVE_SERVICES_SCOPE);
    return { token, via: labelOf(successfulCredential) };
  }
  const token = await credential.getToken(COGNITIVE_SERVICES_SCOPE);
  if (!token) throw new Error('the Azure credential gave no token');
  return { token, via: labelOf(credential) };
}

/** The credential's label; for managed identity, which endpoint MSAL uses (it picks by these variables). */
function labelOf(credential: TokenCredential): string | undefined {
  const name = credential.constructor.name;
  if (name !== 'ManagedIdentityCredential') return RESOLVED_VIA[name];
  const env = process.env;
  const where = env.IDENTITY_ENDPOINT && env.IMDS_ENDPOINT ? 'Azure Arc' : env.IDENTITY_ENDPOINT && env.IDENTITY_HEADER ? 'App Service, Container Apps or Functions endpoint' : env.MSI_ENDPOINT ? 'Cloud Shell' : 'instance metadata (IMDS: VM, VM scale set, AKS node)';
  return `managed identity (${where})`;
}
