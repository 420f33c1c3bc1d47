import type { AwsCredentials } from '../../core/provider-types.js';
import { describeCredentialError } from './describe-credential-error.js';
import { RefreshAheadCredential } from './refresh-ahead-credential.js';

/** The chain link that produced credentials, from the feature marks the AWS SDK puts on them (most specific first). */
const RESOLVED_VIA: ReadonlyArray<[feature: string, label: string]> = [
  ['CREDENTIALS_IMDS', 'EC2 instance metadata (IMDSv2)'],
  ['CREDENTIALS_HTTP', 'container credentials endpoint (ECS, EKS Pod Identity)'],
  ['CREDENTIALS_STS_ASSUME_ROLE_WEB_ID', 'web identity token (EKS IRSA)'],
  ['CREDENTIALS_SSO', 'IAM Identity Center (SSO)'],
  ['CREDENTIALS_SSO_LEGACY', 'IAM Identity Center (SSO)'],
  ['CREDENTIALS_PROCESS', 'credential_process'],
  ['CREDENTIALS_PROFILE_SOURCE_PROFILE', 'shared config profile (role via source_profile)'],
  ['CREDENTIALS_PROFILE', 'shared config/credentials profile'],
  ['CREDENTIALS_ENV_VARS', 'environment variables'],
  ['CREDENTIALS_CODE', 'static keys'],
];

type AwsIdentity = AwsCredentials & { $source?: Record<string, string> };
type AwsIdentityProvider = (options?: { forceRefresh?: boolean }) => Promise<AwsIdentity>;

/**
 * AWS credentials from the SDK's standard Node chain — environment, shared config and
 * credentials files (profiles, SSO, credential_process), web identity (EKS IRSA), ECS / EKS
 * Pod Identity container credentials, EC2 instance metadata (IMDSv2) — optionally used to
 * assume `roleArn` through STS. Static keys, when given, replace the chain as the base of the
 * role. Cached and refreshed ahead of expiry without blocking requests.
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
 */
export function createAwsCredentialSource(options: {
  region: string;
  profile?: string;
  roleArn?: string;
  roleSessionName?: string;
  externalId?: string;
  /** Static keys to assume the role with (otherwise the chain's). */
  baseCredentials?: AwsCredentials;
}): RefreshAheadCredential<AwsCredentials> {
  const base = options.baseCredentials;
  // The SDK is loaded on first use, so a gateway without such a provider never pays for it.
  let provider: Promise<AwsIdentityProvider> | undefined;
  const load = async (): Promise<AwsIdentityProvider> => {
    const { fromNodeProviderChain, fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
    const chain: AwsIdentityProvider = fromNodeProviderChain({ clientConfig: { region: options.region }, ...(options.profile ? { profile: options.profile } : {}) });
    if (!options.roleArn) return chain;
    // Not memoized: every call is one AssumeRole, which the cache below spaces out.
    return fromTemporaryCredentials({
      params: {
        RoleArn: options.roleArn,
        RoleSessionName: options.roleSessionName ?? 'switchyard',
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
      },
      masterCredentials: base ?? chain,
      clientConfig: { region: options.region },
    }) as AwsIdentityProvider;
  };
  const baseLabel = base ? 'static keys' : options.profile ? `AWS credential chain (profile ${options.profile})` : 'AWS default credential chain';
  return new RefreshAheadCredential<AwsCredentials>({
    source: options.roleArn ? `AWS role ${options.roleArn} assumed with ${baseLabel}` : baseLabel,
    describeError: describeCredentialError,
    secretsOf: (credentials) => [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken],
    fetch: async (force) => {
      provider ??= load();
      const identity = await (await provider)(force ? { forceRefresh: true } : undefined);
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = identity;
      const credentials: AwsCredentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration } : {}) };
      const marks = identity.$source ?? {};
      // The chain's last link, EC2 instance metadata, leaves no mark of its own.
      const via = RESOLVED_VIA.find(([feature]) => feature in marks)?.[1] ?? (options.roleArn || base ? undefined : 'EC2 instance metadata (IMDSv2)');
      return { value: credentials, expiresAt: expiration?.getTime(), ...(via ? { resolvedVia: via } : {}) };
    },
  });
}
