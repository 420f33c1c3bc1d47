import type { DataPolicy, ProviderPreset } from '../core/provider-types.js';

const retains30Days: DataPolicy = { zdr: false, trainsOnData: false, retainsPromptsDays: 30, region: 'us', moderated: false };
const localPolicy: DataPolicy = { zdr: true, trainsOnData: false, retainsPromptsDays: 0, region: 'local', moderated: false };

/**
 * The vendors Switchyard knows out of the box. Data policies reflect the
 * vendors' published API terms at the time of writing; config can override any of them.
 */
export const BUILTIN_PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { id: 'openai', name: 'OpenAI', protocol: 'openai', baseUrl: 'https://api.openai.com/v1', keyEnv: ['OPENAI_API_KEY'], baseUrlEnv: 'OPENAI_BASE_URL', nativeBatch: true, dataPolicy: { ...retains30Days, moderated: true } },
  { id: 'mistral', name: 'Mistral', protocol: 'openai', baseUrl: 'https://api.mistral.ai/v1', keyEnv: ['MISTRAL_API_KEY'], dataPolicy: { ...retains30Days, region: 'eu' } },
  { id: 'x-ai', name: 'xAI', protocol: 'openai', baseUrl: 'https://api.x.ai/v1', keyEnv: ['XAI_API_KEY'], dataPolicy: retains30Days },
  { id: 'deepseek', name: 'DeepSeek', protocol: 'openai', baseUrl: 'https://api.deepseek.com/v1', keyEnv: ['DEEPSEEK_API_KEY'], dataPolicy: { zdr: false, trainsOnData: true, retainsPromptsDays: 365, region: 'cn', moderated: false } },
  { id: 'groq', name: 'Groq', protocol: 'openai', baseUrl: 'https://api.groq.com/openai/v1', keyEnv: ['GROQ_API_KEY'], dataPolicy: { ...retains30Days, zdr: true, retainsPromptsDays: 0 } },
  { id: 'together', name: 'Together', protocol: 'openai', baseUrl: 'https://api.together.xyz/v1', keyEnv: ['TOGETHER_API_KEY'], dataPolicy: { ...retains30Days, zdr: true, retainsPromptsDays: 0 } },
  { id: 'fireworks', name: 'Fireworks', protocol: 'openai', baseUrl: 'https://api.fireworks.ai/inference/v1', keyEnv: ['FIREWORKS_API_KEY'], dataPolicy: { ...retains30Days, zdr: true, retainsPromptsDays: 0 } },
  { id: 'deepinfra', name: 'DeepInfra', protocol: 'openai', baseUrl: 'https://api.deepinfra.com/v1/openai', keyEnv: ['DEEPINFRA_API_KEY', 'DEEPINFRA_TOKEN'], dataPolicy: { ...retains30Days, zdr: true, retainsPromptsDays: 0 } },
  { id: 'openrouter', name: 'OpenRouter', protocol: 'openai', baseUrl: 'https://openrouter.ai/api/v1', keyEnv: ['OPENROUTER_API_KEY'], dataPolicy: { zdr: false, trainsOnData: false, retainsPromptsDays: 0, region: 'us', moderated: false } },
  // Anthropic API: inputs and outputs are not used for training; kept up to 30 days. Base URL as the Anthropic SDK takes it.
  { id: 'anthropic', name: 'Anthropic', protocol: 'anthropic', baseUrl: 'https://api.anthropic.com', keyEnv: ['ANTHROPIC_API_KEY'], baseUrlEnv: 'ANTHROPIC_BASE_URL', nativeBatch: true, dataPolicy: { ...retains30Days, moderated: true } },
  // Gemini API (AI Studio): paid-tier prompts are not used for training; kept 55 days for abuse monitoring.
  // Batch mode (inlined requests) is its native batch API; Vertex AI's batch prediction needs Cloud Storage or BigQuery, so not Vertex.
  { id: 'google', name: 'Google AI Studio', protocol: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta', keyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], baseUrlEnv: 'GEMINI_BASE_URL', nativeBatch: true, dataPolicy: { ...retains30Days, retainsPromptsDays: 55 } },
  // Enabled by AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key), by AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY
  // or AWS_PROFILE (SigV4); on EC2/ECS/EKS (instance, task or pod credentials) a `providers:` entry
  // turns it on. `{region}` comes from AWS_REGION (see resolve-aws-settings.ts). Bedrock neither
  // stores nor trains on prompts.
  { id: 'amazon-bedrock', name: 'Amazon Bedrock', protocol: 'bedrock', baseUrl: 'https://bedrock-runtime.{region}.amazonaws.com', keyEnv: ['AWS_BEARER_TOKEN_BEDROCK'], baseUrlEnv: 'BEDROCK_BASE_URL', credentialsEnv: ['AWS_PROFILE'], dataPolicy: { zdr: true, trainsOnData: false, retainsPromptsDays: 0, region: 'us', moderated: false } },
  // Vertex AI: project and region from config or GOOGLE_CLOUD_PROJECT / GOOGLE_CLOUD_LOCATION; the base URL follows the region.
  { id: 'google-vertex', name: 'Google Vertex', protocol: 'vertex', baseUrl: 'https://aiplatform.googleapis.com', keyEnv: ['VERTEX_API_KEY'], credentialsEnv: ['GOOGLE_APPLICATION_CREDENTIALS'], dataPolicy: retains30Days },
  // Azure OpenAI: needs the resource endpoint (AZURE_OPENAI_ENDPOINT) as well as the key; the
  // catalog's upstream model names are used as deployment names. Abuse monitoring keeps prompts up to 30 days.
  { id: 'azure', name: 'Azure', protocol: 'azure-openai', baseUrl: 'https://{resource}.openai.azure.com', keyEnv: ['AZURE_OPENAI_API_KEY'], baseUrlEnv: 'AZURE_OPENAI_ENDPOINT', requiresBaseUrl: true, dataPolicy: { ...retains30Days, moderated: true } },
  { id: 'ollama', name: 'Ollama', protocol: 'openai', baseUrl: 'http://127.0.0.1:11434/v1', keyEnv: ['OLLAMA_API_KEY'], baseUrlEnv: 'OLLAMA_BASE_URL', local: true, dataPolicy: localPolicy },
  { id: 'vllm', name: 'vLLM', protocol: 'openai', baseUrl: 'http://127.0.0.1:8000/v1', keyEnv: ['VLLM_API_KEY'], baseUrlEnv: 'VLLM_BASE_URL', local: true, dataPolicy: localPolicy },
  { id: 'llamacpp', name: 'llama.cpp', protocol: 'openai', baseUrl: 'http://127.0.0.1:8081/v1', keyEnv: ['LLAMACPP_API_KEY'], baseUrlEnv: 'LLAMACPP_BASE_URL', local: true, dataPolicy: localPolicy },
];
