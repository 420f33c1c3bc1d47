import { describeCredentialError } from "./describe-credential-error.js";
import { RefreshAheadCredential } from "./refresh-ahead-credential.js";
const RESOLVED_VIA = [
  ["CREDENTIALS_IMDS", "EC2 instance metadata (IMDSv2)"],
  ["CREDENTIALS_HTTP", "container credentials endpoint (ECS, EKS Pod Identity)"],
  ["CREDENTIALS_STS_ASSUME_ROLE_WEB_ID", "web identity token (EKS IRSA)"],
  ["CREDENTIALS_SSO", "IAM Identity Center (SSO)"],
  ["CREDENTIALS_SSO_LEGACY", "IAM Identity Center (SSO)"],
  ["CREDENTIALS_PROCESS", "credential_process"],
  ["CREDENTIALS_PROFILE_SOURCE_PROFILE", "shared config profile (role via source_profile)"],
  ["CREDENTIALS_PROFILE", "shared config/credentials profile"],
  ["CREDENTIALS_ENV_VARS", "environment variables"],
  ["CREDENTIALS_CODE", "static keys"]
];
function createAwsCredentialSource(options) {
  const base = options.baseCredentials;
  let provider;
  const load = async () => {
    const { fromNodeProviderChain, fromTemporaryCredentials } = await import("@aws-sdk/credential-providers");
    const chain = fromNodeProviderChain({ clientConfig: { region: options.region }, ...options.profile ? { profile: options.profile } : {} });
    if (!options.roleArn) return chain;
    return fromTemporaryCredentials({
      params: {
        RoleArn: options.roleArn,
        RoleSessionName: options.roleSessionName ?? "switchyard",
        ...options.externalId ? { ExternalId: options.externalId } : {}
      },
      masterCredentials: base ?? chain,
      clientConfig: { region: options.region }
    });
  };
  const baseLabel = base ? "static keys" : options.profile ? `AWS credential chain (profile ${options.profile})` : "AWS default credential chain";
  return new RefreshAheadCredential({
    source: options.roleArn ? `AWS role ${options.roleArn} assumed with ${baseLabel}` : baseLabel,
    describeError: describeCredentialError,
    fetch: async (force) => {
      provider ??= load();
      const identity = await (await provider)(force ? { forceRefresh: true } : void 0);
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = identity;
      const credentials = { accessKeyId, secretAccessKey, ...sessionToken ? { sessionToken } : {}, ...expiration ? { expiration } : {} };
      const marks = identity.$source ?? {};
      const via = RESOLVED_VIA.find(([feature]) => feature in marks)?.[1] ?? (options.roleArn || base ? void 0 : "EC2 instance metadata (IMDSv2)");
      return { value: credentials, expiresAt: expiration?.getTime(), ...via ? { resolvedVia: via } : {} };
    }
  });
}
export {
  createAwsCredentialSource
};
//# sourceMappingURL=aws-credential-source.js.map
