import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import { getCloudCredential } from '../shared/get-cloud-credential.js';
import type { UpstreamCall } from '../wire-adapter.js';
import { signBedrockRequest } from './sign-bedrock-request.js';

/**
 * One Bedrock runtime call with the provider's auth: a Bedrock API key as a bearer token, or
 * SigV4 with static keys or the provider's credential chain (fetched here, so a failure is an
 * upstream error naming the source).
 */
export async function buildBedrockCall(options: { url: string; body: string; accept: string; provider: Provider }): Promise<UpstreamCall> {
  const { url, body, provider } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: options.accept, ...provider.headers };
  if (provider.apiKey) {
    headers.authorization = `Bearer ${provider.apiKey}`;
    return { url, headers, body };
  }
  if (!provider.aws?.credentials && !provider.aws?.credentialSource) {
    throw new UpstreamError('upstream_error', {
      provider: provider.name,
      upstreamStatus: null,
      retryable: true,
      message: `${provider.name} has no AWS credentials or Bedrock API key configured`,
    });
  }
  if (!provider.aws.credentials && provider.aws.credentialSource) await getCloudCredential(provider.aws.credentialSource, provider.name);
  return { url, headers: await signBedrockRequest({ url, headers, body, aws: provider.aws }), body };
}
