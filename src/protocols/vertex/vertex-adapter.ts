import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { GoogleCredential, Provider } from '../../core/provider-types.js';
import { createGeminiStreamDecoder } from '../gemini/gemini-adapter.js';
import { fromGeminiResponse } from '../gemini/from-gemini-response.js';
import { parseGeminiError } from '../gemini/gemini-error.js';
import { toGeminiRequest } from '../gemini/to-gemini-request.js';
import { getCloudCredential } from '../shared/get-cloud-credential.js';
import { scrubSecretText } from '../shared/scrub-secrets.js';
import type { WireAdapter } from '../wire-adapter.js';

/**
 * Vertex AI's Gemini API: the same body and stream as the Gemini API, sent to
 * `{host}/v1/projects/{project}/locations/{region}/publishers/google/models/{model}:…` with an
 * OAuth bearer token from the provider's Google credentials (cached and refreshed by the
 * provider's credential source), or in express mode to `{host}/v1/publishers/google/models/{model}:…` with an
 * API key. Other publishers' models on Vertex (Claude, the MaaS models) speak other protocols
 * and are refused as retryable, so routing moves on to another endpoint.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/projects.locations.endpoints/generateContent
 */
export function createVertexAdapter(): WireAdapter {
  return {
    relaysOpenAIFrames: false,

    async buildCall({ request, provider, upstreamModel, stream }) {
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
      const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
      const headers: Record<string, string> = { 'content-type': 'application/json', ...provider.headers };
      let url: string;
      if (settings.credential) {
        // The project first: finding it may take a while on first use, and the token's life starts when it is fetched.
        const project = settings.project ?? (await projectOf(settings.credential, provider.name));
        headers.authorization = `Bearer ${await getCloudCredential(settings.credential, provider.name)}`;
        url = `${provider.baseUrl}/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(settings.region)}/publishers/google/models/${encodeURIComponent(model)}:${method}`;
      } else {
        if (provider.apiKey) headers['x-goog-api-key'] = provider.apiKey;
        url = `${provider.baseUrl}/v1/publishers/google/models/${encodeURIComponent(model)}:${method}`;
      }
      return { url, headers, body: JSON.stringify(toGeminiRequest({ request, upstreamModel: model })) };
    },

    readResult: (bodyText, provider) => fromGeminiResponse(bodyText, provider.name),

    readError({ status, bodyText, retryAfter, provider }) {
      // A refused token (revoked, rotated key) is dropped so the next attempt fetches a new one.
      if (status === 401) provider.vertex?.credential?.invalidate();
      return parseGeminiError({ status, bodyText, retryAfter, provider: provider.name });
    },

    createStreamDecoder: (provider: Provider) => createGeminiStreamDecoder(provider),
  };
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
