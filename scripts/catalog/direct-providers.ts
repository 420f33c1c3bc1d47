/**
 * The vendors we build direct endpoints for, with how each names models in the sources.
 * `idStyle` tells match-vendor-model.ts how to read the vendor's model ids.
 */
export type VendorIdStyle = 'plain' | 'hugging-face' | 'fireworks' | 'bedrock' | 'vertex' | 'groq';

export interface DirectProvider {
  /** Our provider slug (a provider preset id). */
  slug: string;
  /** The provider id in models_dev_api.json. */
  modelsDevId: string;
  idStyle: VendorIdStyle;
  /** OpenRouter authors this vendor is the first party for (its endpoint goes first). */
  firstPartyAuthors: string[];
  /** When set, only models by these OpenRouter authors can match (the vendor serves only its own). */
  onlyAuthors?: string[];
  /** LiteLLM keys are `<prefix><vendor model id>` with one of these `litellm_provider` values. */
  litellm: { prefixes: string[]; providers: string[] };
  /** Speaks a protocol without seed / frequency_penalty / presence_penalty (Anthropic Messages, Bedrock Converse). */
  noSamplingExtras?: boolean;
  /** Vendor ids that must never match (floating aliases whose target moved). */
  deny?: string[];
  /** Hand-checked vendor id → OpenRouter id pairs that name-normalisation cannot find. */
  aliases?: Record<string, string>;
}

export const DIRECT_PROVIDERS: DirectProvider[] = [
  {
    slug: 'openai',
    modelsDevId: 'openai',
    idStyle: 'plain',
    firstPartyAuthors: ['openai'],
    onlyAuthors: ['openai'],
    litellm: { prefixes: ['', 'openai/'], providers: ['openai'] },
  },
  {
    slug: 'anthropic',
    modelsDevId: 'anthropic',
    idStyle: 'plain',
    firstPartyAuthors: ['anthropic'],
    onlyAuthors: ['anthropic'],
    litellm: { prefixes: ['', 'anthropic/'], providers: ['anthropic'] },
    noSamplingExtras: true,
  },
  {
    slug: 'google',
    modelsDevId: 'google',
    idStyle: 'plain',
    firstPartyAuthors: ['google'],
    onlyAuthors: ['google'],
    litellm: { prefixes: ['gemini/'], providers: ['gemini'] },
  },
  {
    slug: 'mistral',
    modelsDevId: 'mistral',
    idStyle: 'plain',
    firstPartyAuthors: ['mistralai'],
    onlyAuthors: ['mistralai'],
    litellm: { prefixes: ['mistral/'], providers: ['mistral'] },
    // Checked against models.dev names ("Mistral Medium 3.5" …) and OpenRouter names.
    aliases: {
      'mistral-medium-2505': 'mistralai/mistral-medium-3',
      'mistral-medium-2508': 'mistralai/mistral-medium-3.1',
      'mistral-medium-2604': 'mistralai/mistral-medium-3-5',
      'mistral-small-2506': 'mistralai/mistral-small-3.2-24b-instruct',
      'open-mixtral-8x22b': 'mistralai/mixtral-8x22b-instruct',
    },
  },
  {
    slug: 'x-ai',
    modelsDevId: 'xai',
    idStyle: 'plain',
    firstPartyAuthors: ['x-ai'],
    onlyAuthors: ['x-ai'],
    litellm: { prefixes: ['xai/'], providers: ['xai'] },
    aliases: { 'grok-4.20-multi-agent-0309': 'x-ai/grok-4.20-multi-agent' },
  },
  {
    slug: 'deepseek',
    modelsDevId: 'deepseek',
    idStyle: 'plain',
    firstPartyAuthors: ['deepseek'],
    onlyAuthors: ['deepseek'],
    litellm: { prefixes: ['', 'deepseek/'], providers: ['deepseek'] },
    // These API aliases now point at V4 models, not at OpenRouter's deepseek-chat (V3) / deepseek-r1.
    deny: ['deepseek-chat', 'deepseek-reasoner'],
  },
  {
    slug: 'groq',
    modelsDevId: 'groq',
    idStyle: 'groq',
    firstPartyAuthors: [],
    litellm: { prefixes: ['groq/'], providers: ['groq'] },
    aliases: {
      'llama-3.3-70b-versatile': 'meta-llama/llama-3.3-70b-instruct',
      'llama-3.1-8b-instant': 'meta-llama/llama-3.1-8b-instruct',
    },
  },
  {
    slug: 'together',
    modelsDevId: 'togetherai',
    idStyle: 'hugging-face',
    firstPartyAuthors: [],
    litellm: { prefixes: ['together_ai/'], providers: ['together_ai'] },
  },
  {
    slug: 'fireworks',
    modelsDevId: 'fireworks-ai',
    idStyle: 'fireworks',
    firstPartyAuthors: [],
    litellm: { prefixes: ['fireworks_ai/'], providers: ['fireworks_ai'] },
  },
  {
    slug: 'deepinfra',
    modelsDevId: 'deepinfra',
    idStyle: 'hugging-face',
    firstPartyAuthors: [],
    litellm: { prefixes: ['deepinfra/'], providers: ['deepinfra'] },
  },
  {
    slug: 'amazon-bedrock',
    modelsDevId: 'amazon-bedrock',
    idStyle: 'bedrock',
    firstPartyAuthors: ['amazon'],
    litellm: { prefixes: ['', 'bedrock/', 'bedrock/converse/'], providers: ['bedrock', 'bedrock_converse'] },
    noSamplingExtras: true,
  },
  {
    slug: 'azure',
    modelsDevId: 'azure',
    idStyle: 'plain',
    firstPartyAuthors: ['microsoft'],
    litellm: { prefixes: ['azure/', 'azure_ai/'], providers: ['azure', 'azure_ai'] },
  },
  {
    slug: 'google-vertex',
    modelsDevId: 'google-vertex',
    idStyle: 'vertex',
    firstPartyAuthors: [],
    litellm: {
      prefixes: ['vertex_ai/', ''],
      providers: ['vertex_ai-language-models', 'vertex_ai-anthropic_models', 'vertex_ai-deepseek_models',
        'vertex_ai-llama_models', 'vertex_ai-moonshot_models', 'vertex_ai-openai_models', 'vertex_ai-qwen_models',
        'vertex_ai-zai_models'],
    },
  },
];

/**
 * Vendor-side organisation names (Bedrock namespaces, Hugging Face orgs, Vertex publishers)
 * → OpenRouter author. An org not listed here is taken as-is (lowercased).
 */
export const ORG_TO_AUTHOR: Record<string, string> = {
  meta: 'meta-llama',
  'meta-llama': 'meta-llama',
  mistral: 'mistralai',
  mistralai: 'mistralai',
  moonshot: 'moonshotai',
  moonshotai: 'moonshotai',
  zai: 'z-ai',
  'zai-org': 'z-ai',
  xai: 'x-ai',
  'deepseek-ai': 'deepseek',
  deepseek: 'deepseek',
  minimaxai: 'minimax',
  minimax: 'minimax',
  xiaomimimo: 'xiaomi',
  'stepfun-ai': 'stepfun',
  'ai21labs': 'ai21',
  cohereforai: 'cohere',
  coherelabs: 'cohere',
};
