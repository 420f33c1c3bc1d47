import { request } from 'undici';
import type { CatalogModel } from './catalog-types.js';
import type { Provider } from '../../core/provider-types.js';

/**
 * Names of local embedding models (Ollama's nomic-embed-text, mxbai-embed-large,
 * snowflake-arctic-embed, all-minilm, bge-m3, granite-embedding, …): they are listed with the
 * chat models and only their name tells them apart.
 */
const EMBEDDING_MODEL_NAME = /embed|minilm|(^|[/:_-])(bge|gte|e5)([/:_.-]|$)/i;

const LOCAL_PARAMETERS = ['max_tokens', 'temperature', 'top_p', 'top_k', 'stop', 'seed', 'frequency_penalty', 'presence_penalty', 'tools', 'tool_choice', 'response_format'];

/**
 * Lists a local OpenAI-compatible server's models (`GET /models`) and turns each into a
 * free catalog model `<provider>/<name>`; embedding models (by name, see
 * {@link EMBEDDING_MODEL_NAME}) get output modality `embeddings`, so /api/v1/embeddings serves
 * them at $0 and chat refuses them. Returns undefined when the server does not answer
 * within `timeoutMs`, so start-up never waits long on a missing local server.
 */
export async function discoverLocalModels(provider: Provider, timeoutMs = 500): Promise<CatalogModel[] | undefined> {
  try {
    const response = await request(`${provider.baseUrl}/models`, {
      headers: provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return undefined;
    }
    const body = (await response.body.json()) as { data?: Array<{ id?: unknown }> };
    const ids = (body.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === 'string');
    return ids.map((name) => toCatalogModel(provider, name));
  } catch {
    return undefined;
  }
}

function toCatalogModel(provider: Provider, name: string): CatalogModel {
  const free = { prompt: '0', completion: '0' };
  return {
    id: `${provider.id}/${name}`,
    canonical_slug: `${provider.id}/${name}`,
    name: `${provider.name}: ${name}`,
    created: 0,
    description: `${name} served by the local ${provider.name} server at ${provider.baseUrl}`,
    hugging_face_id: null,
    context_length: null,
    architecture: EMBEDDING_MODEL_NAME.test(name)
      ? { modality: 'text->embeddings', input_modalities: ['text'], output_modalities: ['embeddings'], tokenizer: 'Other', instruct_type: null }
      : { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Other', instruct_type: null },
    pricing: free,
    top_provider: { context_length: null, max_completion_tokens: null, is_moderated: false },
    supported_parameters: LOCAL_PARAMETERS,
    reasoning: null,
    knowledge_cutoff: null,
    endpoints: [
      { provider: provider.id, model: name, context_length: null, max_completion_tokens: null, pricing: free, quantization: null, supported_parameters: LOCAL_PARAMETERS },
    ],
  };
}
