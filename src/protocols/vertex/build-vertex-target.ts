import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { GoogleCredential, Provider } from '../../core/provider-types.js';
import { getCloudCredential } from '../shared/get-cloud-credential.js';
import { scrubSecretText } from '../shared/scrub-secrets.js';

/**
 * URL and auth of one Vertex call to a Google publisher model (`method` is `generateContent`,
 * `streamGenerateContent?alt=sse` or `predict`): a bearer token from the credentials, or an API key in
 * express mode. Other publishers' models are refused as retryable.
 */
export async function buildVertexTarget(provider: Provider, upstreamModel: string, method: string): Promise<{ url: string; headers: Record<string, string>; model: string }> {
  const settings = provider.vertex;
  const model = upstreamModel.replace(/^(publishers\/google\/)?models\//, '');
  if (!settings || model.includes('/') || model.startsWith('claude-')) {
    throw new UpstreamError('upstream_error', {
      provider: provider.name,
      upstreamStatus: null,
      retryable: true,
      message: `${provider.name}: ${model} is not a Gemini model; Switchyard speaks only Vertex AI's Gemini API`,
    });
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
  if (settings.credential) {
    // The project first: finding it may take a while on first use, and the token's life starts when it is fetched.
    const project = settings.project ?? (await projectOf(settings.credential, provider.name));
    headers.authorization = `Bearer ${await getCloudCredential(settings.credential, provider.name)}`;
    return { url: `${provider.baseUrl}/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(settings.region)}/publishers/google/models/${encodeURIComponent(model)}:${method}`, headers, model };
  }
  if (provider.apiKey) headers['x-goog-api-key'] = provider.apiKey;
  return { url: `${provider.baseUrl}/v1/publishers/google/models/${encodeURIComponent(model)}:${method}`, headers, model };
}

/** The project of the provider's Google credentials, for a provider configured without one. */
async function projectOf(credential: GoogleCredential, providerName: string): Promise<string> {
  try {
    return await credential.projectId();
  } catch (error) {
    throw new UpstreamError('upstream_error', {
      provider: providerName,
      upstreamStatus: null,
      retryable: true,
      message: scrubSecretText(`${providerName}: no Google Cloud project in ${credential.source} (${(error as Error).message}); set vertex.project or GOOGLE_CLOUD_PROJECT`),
    });
  }
}
