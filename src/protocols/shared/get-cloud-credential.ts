import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { CloudCredential } from '../../core/provider-types.js';
import { scrubSecretText } from './scrub-secrets.js';

/**
 * The provider's current cloud credential, or a clear upstream error naming where it should
 * have come from (502, retryable so routing can move on to another endpoint). The credential
 * library's reason is kept, scrubbed; the credential itself never appears.
 */
export async function getCloudCredential<T>(credential: CloudCredential<T>, providerName: string): Promise<T> {
  try {
    return await credential.get();
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : credential.source;
    throw new UpstreamError('upstream_error', {
      provider: providerName,
      upstreamStatus: null,
      retryable: true,
      message: scrubSecretText(`Could not get cloud credentials for ${providerName} from ${reason.startsWith(credential.source) ? reason : `${credential.source}: ${reason}`}`),
      metadata: { credential_source: credential.source },
    });
  }
}
