import { UpstreamError } from "../../core/errors/upstream-error.js";
import { scrubSecretText } from "./scrub-secrets.js";
async function getCloudCredential(credential, providerName) {
  try {
    return await credential.get();
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : credential.source;
    throw new UpstreamError("upstream_error", {
      provider: providerName,
      upstreamStatus: null,
      retryable: true,
      message: scrubSecretText(`Could not get cloud credentials for ${providerName} from ${reason.startsWith(credential.source) ? reason : `${credential.source}: ${reason}`}`),
      metadata: { credential_source: credential.source }
    });
  }
}
export {
  getCloudCredential
};
//# sourceMappingURL=get-cloud-credential.js.map
